'use strict';
/* API tokens: list, create (the secret is shown once), revoke. */
(() => {
  const { api, el, fmt, show, showError } = Cohost;
  const result = document.getElementById('result');

  async function load() {
    const { tokens } = await api('GET', '/api/tokens');
    document.querySelector('#tokens tbody').replaceChildren(...tokens.map(t => {
      const revoke = el('button', { type: 'button', class: 'danger', dataset: { id: t.id } }, 'Revoke');
      revoke.addEventListener('click', async () => {
        if (!confirm('Revoke token "' + t.name + '"? Clients using it are refused from the next request.')) return;
        try {
          await api('DELETE', '/api/tokens/' + encodeURIComponent(t.id));
          show(result, true, 'Revoked token "' + t.name + '".');
          await load();
        } catch (error) {
          showError(result, error);
        }
      });
      return el('tr', { dataset: { id: t.id } }, el('td', { class: 'mono' }, t.id), el('td', {}, t.name),
        el('td', {}, fmt.time(t.createdAt)), el('td', {}, t.createdBy), el('td', {}, revoke));
    }));
  }

  document.getElementById('create-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = document.getElementById('token-name');
    try {
      const token = await api('POST', '/api/tokens', { name: input.value.trim() });
      show(result, true, 'Token "' + token.name + '" created. Copy it now; it is not shown again:');
      result.append(el('div', { class: 'token mono', id: 'new-token' }, token.token));
      input.value = '';
      await load();
    } catch (error) {
      showError(result, error);
    }
  });

  Cohost.page(load);
})();
