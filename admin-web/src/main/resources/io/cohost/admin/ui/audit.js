'use strict';
/* Audit log: the newest entries, refreshed every few seconds. */
(() => {
  const { api, el, fmt } = Cohost;

  async function refresh() {
    const { entries } = await api('GET', '/api/audit?limit=300');
    document.querySelector('#audit tbody').replaceChildren(...entries.map(e =>
      el('tr', { class: e.result === 'ok' ? null : 'fail' },
        el('td', {}, fmt.time(e.at)), el('td', {}, e.who), el('td', {}, e.via), el('td', {}, e.from),
        el('td', {}, e.action), el('td', {}, e.target), el('td', {}, e.result), el('td', {}, e.detail))));
  }

  Cohost.page(async () => {}, refresh, 5000);
})();
