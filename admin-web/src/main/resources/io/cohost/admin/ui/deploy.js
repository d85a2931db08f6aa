'use strict';
/* Deploy: pick or drop a WAR, name it, optionally give a context path and quota, upload with progress. */
(() => {
  const { el, fmt, show, showError, upload } = Cohost;
  const QUOTA = ['cpu', 'memory', 'files', 'threads', 'requestCpu', 'concurrency'];
  let file = null;

  const drop = document.getElementById('drop');
  const picker = document.getElementById('war');
  const nameInput = document.getElementById('name');
  const result = document.getElementById('result');

  function choose(chosen) {
    if (!chosen) return;
    file = chosen;
    document.getElementById('file-name').textContent = chosen.name + ' (' + fmt.bytes(chosen.size) + ')';
    if (!nameInput.value) {
      nameInput.value = chosen.name.replace(/\.war$/i, '').toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
    }
  }

  picker.addEventListener('change', () => choose(picker.files[0]));
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });

  document.getElementById('deploy-form').addEventListener('submit', async event => {
    event.preventDefault();
    if (!file) {
      show(result, false, 'Choose a WAR file first.');
      return;
    }
    const name = nameInput.value.trim();
    const params = {};
    const contextPath = document.getElementById('context-path').value.trim();
    if (contextPath) params.contextPath = contextPath;
    for (const field of QUOTA) {
      const value = document.getElementById('q-' + field).value.trim();
      if (value) params[field] = value;
    }
    const button = document.getElementById('deploy');
    const progress = document.getElementById('progress');
    const progressText = document.getElementById('progress-text');
    button.disabled = true;
    result.hidden = true;
    document.getElementById('progress-box').hidden = false;
    try {
      const app = await upload(name, file, params, ratio => {
        progress.value = Math.round(ratio * 100);
        progressText.textContent = Math.round(ratio * 100) + ' % uploaded' + (ratio >= 1 ? ', starting the app…' : '');
      });
      progressText.textContent = 'done';
      show(result, true, 'Deployed ' + app.name + ': ' + app.state, app.stateDetail);
      result.append(' ', el('a', { href: '/apps/' + app.name, id: 'open-app' }, 'Open ' + app.name + ' →'));
    } catch (error) {
      progressText.textContent = 'refused';
      showError(result, error);
    } finally {
      button.disabled = false;
    }
  });

  Cohost.page(async () => {});
})();
