// H5 fission pages: start a task, watch help progress live (SSE), copy the invite, redeem; help a
// friend from an invite link and show every refusal kindly. Calls the customer API with the token.
(function () {
  'use strict';
  function post(path, token, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, body: json }; });
    });
  }
  function deviceId() {
    var id = null;
    try { id = localStorage.getItem('flywheel-device'); } catch (e) { /* private mode */ }
    if (!id) {
      id = 'web-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(36).slice(2));
      try { localStorage.setItem('flywheel-device', id); } catch (e) { /* ignore */ }
    }
    return id;
  }
  function camel(code) { return 'msg' + code.split('-').map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(''); }
  function message(page, code) {
    if (code === 'invalid-session' || code === 'session-expired') { return page.dataset.msgSession; }
    if (code === 'rate-limited') { return page.dataset.msgRateLimited; }
    return page.dataset[camel(code)] || page.dataset.msgError;
  }
  function show(helps, needed) {
    var strong = document.getElementById('helps');
    var fill = document.getElementById('fill');
    if (strong) { strong.textContent = helps; }
    if (fill) { fill.style.width = Math.min(100, Math.round(100 * helps / needed)) + '%'; }
  }
  function watch(taskId, token, onProgress) {
    if (!taskId || !window.EventSource) { return; }
    var source = new EventSource('/api/v1/customer/fission/tasks/' + taskId + '/progress?token=' + encodeURIComponent(token));
    source.addEventListener('progress', function (e) {
      var p = JSON.parse(e.data);
      show(p.helps, p.helpers_needed);
      if (onProgress) { onProgress(p); }
    });
  }

  var page = document.getElementById('fission-activity');
  if (page) {
    var token = page.dataset.token;
    var result = document.getElementById('result');
    var redeem = document.getElementById('redeem');
    var start = document.getElementById('start-task');
    if (start) {
      start.addEventListener('click', function () {
        start.disabled = true;
        post('/api/v1/customer/fission/activities/' + page.dataset.activity + '/tasks', token, { device_id: deviceId() })
          .then(function (r) {
            if (r.status === 200 || r.status === 201) { window.location.reload(); return; }
            start.disabled = false;
            start.insertAdjacentText('afterend', ' ' + message(page, r.body.code));
          });
      });
    }
    var signUp = document.getElementById('sign-up');
    if (signUp) {
      signUp.addEventListener('click', function () {
        post('/api/v1/customer/fission/activities/' + page.dataset.activity + '/contact', token, {}).then(function (r) {
          document.getElementById('welcome').textContent = r.status === 200 ? r.body.welcome : message(page, r.body.code);
        });
      });
    }
    watch(page.dataset.task, token, function (p) {
      if (p.complete && result) { result.textContent = page.dataset.msgComplete; }
      if (p.complete && redeem) { redeem.disabled = false; }
    });
    if (redeem) {
      redeem.addEventListener('click', function () {
        redeem.disabled = true;
        post('/api/v1/customer/fission/tasks/' + page.dataset.task + '/redemption', token, {}).then(function (r) {
          if (r.status === 200) { result.textContent = page.dataset.msgRedeemed; return; }
          redeem.disabled = false;
          result.textContent = message(page, r.body.code);
        });
      });
    }
    var copy = document.getElementById('copy');
    if (copy) {
      copy.addEventListener('click', function () {
        var input = document.getElementById('invite-url');
        var text = document.getElementById('script').textContent + ' ' + input.value;
        (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject()).catch(function () {
          input.select(); document.execCommand('copy');
        }).then(function () { copy.textContent = page.dataset.msgCopied; });
      });
    }
  }

  var help = document.getElementById('fission-help');
  if (help) {
    var helpToken = help.dataset.token;
    var button = document.getElementById('help');
    var out = document.getElementById('result');
    watch(help.dataset.task, helpToken);
    if (button) {
      button.addEventListener('click', function () {
        button.disabled = true;
        post('/api/v1/customer/fission/helps', helpToken, { invite: help.dataset.invite, device_id: deviceId() })
          .then(function (r) {
            if (r.status === 200 && r.body.status === 'COUNTED') {
              show(r.body.helps, r.body.helpers_needed);
              out.textContent = help.dataset.msgCounted;
            } else if (r.status === 200) {
              out.textContent = help.dataset.msgHeld;
            } else {
              out.textContent = message(help, r.body.code);
              out.className = 'refusal';
            }
          });
      });
    }
  }
})();
