'use strict';
/* The login form: posts the credentials, then goes where the user was headed (a path on this site only). */
(() => {
  const form = document.getElementById('login-form');
  const message = document.getElementById('message');

  function next() {
    const target = new URLSearchParams(location.search).get('next') || '/';
    // Only a local path: never '//other.site' or 'https://...'.
    return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.hidden = true;
    const response = await fetch('/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' },
      body: new URLSearchParams(new FormData(form)),
    });
    if (response.ok) {
      location.assign(next());
      return;
    }
    const data = await response.json().catch(() => ({}));
    message.textContent = (data.error || ('HTTP ' + response.status)) + (data.detail ? ' — ' + data.detail : '');
    message.hidden = false;
    document.getElementById('password').select();
  });
})();
