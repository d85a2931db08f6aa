'use strict';
/* App detail: state and actions, quota, charts, events and log, refreshed every few seconds. */
(() => {
  const { api, el, fmt, show, showError, upload } = Cohost;
  const name = decodeURIComponent(location.pathname.split('/')[2] || '');
  const QUOTA = ['cpu', 'memory', 'files', 'threads', 'requestCpu', 'concurrency'];
  const WINDOW_SECONDS = 15 * 60;
  const result = document.getElementById('result');
  let app = null;
  let tenantUrl = '';
  let quotaShown = null;

  async function act(label, call) {
    result.hidden = true;
    try {
      const info = await call();
      show(result, true, label + ': ' + (info.state ? 'now ' + info.state : 'done'), info.stateDetail);
      await refresh();
    } catch (error) {
      showError(result, error);
      await refresh().catch(() => {});
    }
  }

  function bind(id, label, method, path, confirmText) {
    document.getElementById(id).addEventListener('click', () => {
      if (confirmText && !confirm(confirmText())) return;
      act(label, () => api(method, path));
    });
  }

  bind('start', 'Start', 'POST', '/api/apps/' + name + '/start');
  bind('stop', 'Stop', 'POST', '/api/apps/' + name + '/stop', () => 'Stop ' + name + '? Its requests get 503 until it is started again.');
  bind('restart', 'Restart', 'POST', '/api/apps/' + name + '/restart');
  bind('rollback', 'Roll back', 'POST', '/api/apps/' + name + '/rollback',
    () => 'Roll ' + name + ' back from version ' + fmt.version(app.version) + ' to ' + fmt.version(app.previousVersion) + '?');

  document.getElementById('undeploy').addEventListener('click', async () => {
    if (!confirm('Undeploy ' + name + '? It is stopped and its WARs and files are deleted.')) return;
    try {
      await api('DELETE', '/api/apps/' + name);
      location.assign('/');
    } catch (error) {
      showError(result, error);
    }
  });

  const redeployFile = document.getElementById('redeploy-file');
  document.getElementById('redeploy').addEventListener('click', () => redeployFile.click());
  redeployFile.addEventListener('change', async () => {
    const file = redeployFile.files[0];
    if (!file) return;
    const box = document.getElementById('progress-box');
    const progress = document.getElementById('progress');
    box.hidden = false;
    await act('Redeploy', () => upload(name, file, {}, ratio => { progress.value = Math.round(ratio * 100); }));
    box.hidden = true;
    redeployFile.value = '';
  });

  document.getElementById('quota-form').addEventListener('submit', async event => {
    event.preventDefault();
    const box = document.getElementById('quota-result');
    // Every field is sent: an empty one returns that quota to the host default.
    const quota = {};
    for (const field of QUOTA) quota[field] = document.getElementById('q-' + field).value.trim();
    try {
      const saved = await api('PUT', '/api/apps/' + name + '/quota', quota);
      quotaShown = null;
      showQuota(saved.quota);
      show(box, true, 'Quota saved: ' + (Object.entries(saved.quota).map(([k, v]) => k + ' ' + v).join(', ') || 'host defaults'));
      await refresh();
    } catch (error) {
      showError(box, error);
    }
  });

  /** Fills the quota form, unless the operator is editing it. */
  function showQuota(quota) {
    const json = JSON.stringify(quota);
    if (json === quotaShown || document.activeElement && document.activeElement.closest('#quota-form')) return;
    quotaShown = json;
    for (const field of QUOTA) document.getElementById('q-' + field).value = quota[field] || '';
  }

  function renderApp(info) {
    app = info;
    document.title = 'Cohost · ' + info.name;
    document.getElementById('name').textContent = info.name;
    const state = document.getElementById('state');
    state.textContent = info.state;
    state.className = 'badge ' + info.state;
    document.getElementById('throttled').hidden = info.meters.throttled !== 1;
    document.getElementById('state-detail').textContent = info.stateDetail;
    const running = info.state === 'RUNNING';
    document.getElementById('start').disabled = running;
    document.getElementById('stop').disabled = info.state === 'STOPPED';
    document.getElementById('rollback').disabled = !info.previousVersion;
    const path = info.contextPath === '/' ? '/' : info.contextPath + '/';
    const row = (term, ...value) => [el('dt', {}, term), el('dd', {}, ...value)];
    document.getElementById('about').replaceChildren(
      ...row('Path', el('a', { href: tenantUrl + path, target: '_blank', rel: 'noopener', id: 'app-url' }, tenantUrl + path)),
      ...row('Version', el('span', { class: 'mono', title: info.version }, fmt.version(info.version))),
      ...row('Previous', info.previousVersion ? el('span', { class: 'mono', title: info.previousVersion }, fmt.version(info.previousVersion))
        : el('span', { class: 'muted' }, 'none')),
      ...row('Deployed', fmt.time(info.deployedAt), ' (' + info.source + ')'),
      ...row('Running for', info.startedAt ? fmt.since(info.startedAt) : el('span', { class: 'muted' }, 'not running')),
      ...row('Asked to be', info.desiredState));
    showQuota(info.quota);
    const events = info.events.slice().reverse().map(e => {
      const what = e.type === 'transition' ? e.from + ' → ' + e.to : e.type;
      const kind = e.to === 'KILLED' && e.type === 'transition' ? 'kill' : e.to === 'FAILED' && e.type === 'transition' ? 'fail' : '';
      return el('tr', { class: kind || null }, el('td', {}, fmt.time(e.at)), el('td', {}, what), el('td', {}, e.detail));
    });
    document.querySelector('#events tbody').replaceChildren(...events);
  }

  function renderCharts(samples) {
    Chart.draw(document.getElementById('chart-cpu'), samples, 'cpuMillicores', fmt.millicores, WINDOW_SECONDS);
    Chart.draw(document.getElementById('chart-heap'), samples, 'heapBytes', fmt.bytes, WINDOW_SECONDS);
    Chart.draw(document.getElementById('chart-requests'), samples, 'requestsPerSecond', n => fmt.number(n, 2), WINDOW_SECONDS);
    Chart.draw(document.getElementById('chart-latency'), samples, 'p99Seconds', fmt.millis, WINDOW_SECONDS);
  }

  async function refresh() {
    const [info, figures] = await Promise.all([api('GET', '/api/apps/' + name), api('GET', '/api/apps/' + name + '/figures')]);
    renderApp(info);
    renderCharts(figures.samples);
    await refreshLog();
  }

  async function init() {
    const host = await api('GET', '/api/host');
    tenantUrl = host.tenantUrl;
    try {
      renderApp(await api('GET', '/api/apps/' + name));
    } catch (error) {
      showError(result, error);
    }
    await refreshLog();
  }

  async function refreshLog() {
    const log = document.getElementById('log');
    try {
      const { lines } = await api('GET', '/api/apps/' + name + '/logs?tail=200');
      log.textContent = lines.length ? lines.join('\n') : '(the app has written nothing yet)';
    } catch (error) {
      log.textContent = error.message;
    }
  }

  Cohost.page(init, refresh, 3000);
})();
