// Web chat room: live over SSE (catching up with after=<last id> whenever the stream opens), polling
// every 2 s while SSE is unavailable; sending goes through the customer endpoint with the page's token.
(function () {
  var room = document.getElementById('room');
  if (!room) { return; }
  var id = room.dataset.community;
  var token = room.dataset.token;
  var list = document.getElementById('messages');
  var status = document.getElementById('status');
  var live = document.getElementById('live');
  var base = '/api/v1/customer/communities/' + id;
  var lastId = Number(room.dataset.lastId || 0);
  var poller = null;
  var stopped = false;

  function label(kind) {
    var el = document.querySelector('#kind-labels').content.querySelector('[data-kind="' + kind + '"]');
    return el ? el.textContent : kind;
  }

  function hhmm(iso) {
    var d = new Date(iso);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function append(m) {
    if (list.querySelector('[data-id="' + m.id + '"]')) { return; }
    var empty = document.getElementById('no-messages');
    if (empty) { empty.remove(); }
    var li = document.createElement('li');
    li.className = 'message kind-' + m.kind + ' from-' + m.from + (m.mine ? ' mine' : '');
    li.dataset.id = m.id;
    var sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = m.mine ? room.dataset.msgYou : m.sender_name;
    li.appendChild(sender);
    if (m.kind !== 'chat') {
      var tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = label(m.kind);
      li.appendChild(tag);
    }
    var body = document.createElement('p');
    body.className = 'body';
    body.textContent = m.body;
    li.appendChild(body);
    var time = document.createElement('time');
    time.textContent = hhmm(m.received_at);
    li.appendChild(time);
    var next = Array.prototype.find.call(list.querySelectorAll('.message'), function (o) { return Number(o.dataset.id) > m.id; });
    list.insertBefore(li, next || null);
    lastId = Math.max(lastId, m.id);
    window.scrollTo(0, document.body.scrollHeight);
  }

  function say(text) { status.textContent = text || ''; }

  function refused(response) {
    if (response.status === 401) { stopped = true; say(room.dataset.msgSession); return true; }
    if (response.status === 429) { say(room.dataset.msgRateLimited); return true; }
    return false;
  }

  function catchUp() {
    return fetch(base + '/messages?after=' + lastId, { headers: { 'Authorization': 'Bearer ' + token } })
      .then(function (r) {
        if (refused(r)) { return null; }
        if (!r.ok) { say(room.dataset.msgError); return null; }
        return r.json();
      })
      .then(function (json) {
        if (json) { json.messages.forEach(append); if (!stopped) { say(''); } }
      })
      .catch(function () { say(room.dataset.msgOffline); });
  }

  function startPolling() {
    if (poller || stopped) { return; }
    room.dataset.mode = 'polling';
    poller = setInterval(function () { if (stopped) { clearInterval(poller); } else { catchUp(); } }, 2000);
  }

  function stopPolling() {
    if (poller) { clearInterval(poller); poller = null; }
  }

  function listen() {
    if (!window.EventSource) { startPolling(); return; }
    var source = new EventSource(base + '/stream?token=' + encodeURIComponent(token));
    source.addEventListener('ready', function () {
      room.dataset.mode = 'live';
      live.hidden = false;
      stopPolling();
      catchUp();
    });
    source.addEventListener('message', function (e) { append(JSON.parse(e.data)); });
    source.addEventListener('error', function () {
      live.hidden = true;
      if (source.readyState === EventSource.CLOSED) { source.close(); }
      startPolling();
    });
  }

  document.getElementById('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = document.getElementById('text');
    var text = input.value.trim();
    if (!text) { return; }
    var button = document.getElementById('send');
    button.disabled = true;
    fetch(base + '/messages', {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: text })
    }).then(function (r) {
      if (refused(r)) { return null; }
      if (!r.ok) { say(room.dataset.msgError); return null; }
      return r.json();
    }).then(function (m) {
      if (m) { input.value = ''; say(''); append(m); }
    }).catch(function () {
      say(room.dataset.msgOffline);
    }).finally(function () { button.disabled = false; input.focus(); });
  });

  window.scrollTo(0, document.body.scrollHeight);
  listen();
})();
