'use strict';
/*
 * Shared by every page: the session (and its CSRF token), calls to the REST API, the page header,
 * and formatting. Everything the UI shows comes from the same /api the CLI uses. Text is always set
 * with textContent, never parsed as HTML.
 */
const Cohost = (() => {
  let csrfToken = '';

  class ApiError extends Error {
    constructor(status, message, detail) {
      super(message);
      this.status = status;
      this.detail = detail || '';
    }
  }

  function toLogin() {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  }

  /** Calls the API; state-changing calls carry the session's CSRF token. A 401 means the session is over. */
  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      toLogin();
      throw new ApiError(401, 'login required');
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, data.error || ('HTTP ' + response.status), data.detail);
    return data;
  }

  /**
   * Uploads a WAR with PUT /api/apps/NAME, reporting progress (fetch cannot report upload progress).
   * Resolves with the app's JSON; rejects with an ApiError carrying the server's explanation.
   */
  function upload(name, file, params, onProgress) {
    return new Promise((resolve, reject) => {
      const query = new URLSearchParams(params).toString();
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', '/api/apps/' + encodeURIComponent(name) + (query ? '?' + query : ''));
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', 'application/java-archive');
      xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      xhr.onload = () => {
        if (xhr.status === 401) { toLogin(); return; }
        let data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: keep the status */ }
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else reject(new ApiError(xhr.status, data.error || ('HTTP ' + xhr.status), data.detail));
      };
      xhr.onerror = () => reject(new ApiError(0, 'the upload failed: the connection was lost'));
      xhr.send(file);
    });
  }

  /** Creates an element: el('a', {href: '/x', class: 'y'}, 'text', childNode). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function notMeasured() {
    return el('span', { class: 'not-measured', title: 'this meter does not exist yet on this host' }, 'not measured');
  }

  /** Shows an action's outcome in a message box: ok or error, with the server's detail. */
  function show(box, ok, text, detail) {
    box.hidden = false;
    box.className = 'message ' + (ok ? 'ok' : 'error');
    box.replaceChildren(el('span', {}, text));
    if (detail) box.append(el('span', { class: 'detail' }, detail));
  }

  function showError(box, error) {
    show(box, false, error.message, error.detail);
  }

  const fmt = {
    bytes(n) {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let i = 0;
      while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
      return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[i];
    },
    number(n, digits) { return n.toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 1 : digits }); },
    percent(ratio) { return (ratio * 100).toFixed(ratio < 0.01 && ratio > 0 ? 2 : 1) + ' %'; },
    millis(seconds) { return seconds * 1000 < 10 ? (seconds * 1000).toFixed(1) + ' ms' : Math.round(seconds * 1000) + ' ms'; },
    millicores(m) { return Math.round(m) + 'm'; },
    version(v) { return v ? v.substring(0, 12) : ''; },
    duration(seconds) {
      seconds = Math.max(0, Math.floor(seconds));
      const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
      if (d > 0) return d + 'd ' + h + 'h';
      if (h > 0) return h + 'h ' + m + 'm';
      if (m > 0) return m + 'm ' + (seconds % 60) + 's';
      return seconds + 's';
    },
    since(iso) { return iso ? fmt.duration((Date.now() - Date.parse(iso)) / 1000) : ''; },
    time(iso) { return iso ? new Date(iso).toLocaleString() : ''; },
  };

  /** A live figure, or "not measured" when its meter is absent. */
  function figure(figures, key, format) {
    return figures && typeof figures[key] === 'number' ? format(figures[key]) : notMeasured();
  }

  async function logout() {
    try {
      await api('POST', '/logout');
    } finally {
      location.assign('/login');
    }
  }

  function header(session) {
    const page = document.body.dataset.page;
    const link = (href, name, text) => el('a', { href, class: page === name ? 'active' : null }, text);
    const logoutButton = el('button', { type: 'button', id: 'logout' }, 'Log out');
    logoutButton.addEventListener('click', logout);
    document.getElementById('top').replaceChildren(
      el('a', { class: 'brand', href: '/' }, 'Cohost'),
      el('nav', {}, link('/', 'overview', 'Overview'), link('/deploy', 'deploy', 'Deploy'),
        link('/tokens', 'tokens', 'Tokens'), link('/audit', 'audit', 'Audit log')),
      el('span', { class: 'user', id: 'user' }, session.user),
      logoutButton);
  }

  /** Loads the session, draws the header, then runs the page; refreshes it every few seconds if asked. */
  async function page(init, refresh, everyMillis) {
    let session;
    try {
      session = await api('GET', '/api/session');
    } catch (e) {
      return;
    }
    csrfToken = session.csrfToken;
    header(session);
    await init();
    if (refresh) {
      const tick = async () => {
        try {
          await refresh();
        } catch (e) {
          if (e.status !== 401) console.warn('refresh failed', e);
        }
      };
      await tick();
      setInterval(tick, everyMillis || 3000);
    }
  }

  return { api, upload, el, show, showError, fmt, figure, notMeasured, page, ApiError };
})();
