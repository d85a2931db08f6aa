'use strict';
/* Overview: the host's figures and every app with its live figures, refreshed every few seconds. */
(() => {
  const { api, el, fmt, figure } = Cohost;

  function card(label, value, sub) {
    return el('div', { class: 'card figure' }, el('div', { class: 'label' }, label),
      el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
  }

  function renderHost(host) {
    const f = host.figures;
    const heap = typeof f.heapMaxBytes === 'number'
      ? card('JVM heap', fmt.bytes(f.heapUsedBytes) + ' of ' + fmt.bytes(f.heapMaxBytes),
        fmt.bytes(f.heapHeadroomBytes) + ' headroom')
      : card('JVM heap', typeof f.heapUsedBytes === 'number' ? fmt.bytes(f.heapUsedBytes) : Cohost.notMeasured(), 'no maximum set');
    document.getElementById('host').replaceChildren(
      heap,
      card('CPU', figure(f, 'cpuMillicores', fmt.millicores), typeof f.processors === 'number' ? 'of ' + f.processors * 1000 + 'm' : null),
      card('Threads', figure(f, 'threads', n => fmt.number(n, 0))),
      card('GC time', figure(f, 'gcSeconds', s => fmt.number(s, 2) + ' s'),
        typeof f.gcCount === 'number' ? fmt.number(f.gcCount, 0) + ' collections' : null),
      card('Uptime', figure(f, 'uptimeSeconds', fmt.duration)));
  }

  function appRow(app, f, tenantUrl) {
    const num = content => el('td', { class: 'num' }, content);
    const path = app.contextPath === '/' ? '/' : app.contextPath + '/';
    return el('tr', { dataset: { app: app.name } },
      el('td', {}, el('a', { href: '/apps/' + app.name, class: 'app-link' }, app.name)),
      el('td', { class: 'state' }, el('span', { class: 'badge ' + app.state, title: app.stateDetail || null }, app.state),
        app.meters.throttled === 1 ? el('span', { class: 'badge throttled', title: 'CPU quota used up; held back' }, 'throttled') : null),
      el('td', { class: 'mono' }, fmt.version(app.version)),
      el('td', {}, el('a', { href: tenantUrl + path, target: '_blank', rel: 'noopener' }, app.contextPath)),
      el('td', {}, app.startedAt ? fmt.since(app.startedAt) : el('span', { class: 'muted' }, '—')),
      num(figure(f, 'requestsPerSecond', n => fmt.number(n, 2))),
      num(f && typeof f.requestsPerSecond === 'number' && typeof f.errorRatio !== 'number'
        ? el('span', { class: 'muted', title: 'no requests in the last interval' }, '—')
        : figure(f, 'errorRatio', fmt.percent)),
      num(f && typeof f.requestsPerSecond === 'number' && typeof f.p99Seconds !== 'number'
        ? el('span', { class: 'muted', title: 'no requests in the last interval' }, '—')
        : figure(f, 'p99Seconds', fmt.millis)),
      num(figure(f, 'cpuMillicores', fmt.millicores)),
      num(figure(f, 'heapBytes', fmt.bytes)),
      num(figure(f, 'openFiles', n => fmt.number(n, 0))),
      num(figure(f, 'threads', n => fmt.number(n, 0))));
  }

  async function refresh() {
    const [apps, figures, host] = await Promise.all([api('GET', '/api/apps'), api('GET', '/api/figures'), api('GET', '/api/host')]);
    renderHost(host);
    const rows = apps.apps.map(app => appRow(app, (figures.apps[app.name] || {}).figures, host.tenantUrl));
    document.querySelector('#apps tbody').replaceChildren(...rows);
    document.getElementById('no-apps').hidden = rows.length > 0;
    document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString()
      + ' · figures sampled every ' + figures.intervalSeconds + ' s';
  }

  Cohost.page(async () => {}, refresh, 3000);
})();
