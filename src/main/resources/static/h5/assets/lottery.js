// H5 lottery page: draws through the customer API with the page's session token, animates the
// board until the answer is known, keeps chances and "my prizes" current, sends addresses.
(function () {
  'use strict';
  var page = document.getElementById('lottery');
  if (!page) { return; }
  var lotteryId = page.dataset.lottery;
  var token = page.dataset.token;
  var button = document.getElementById('draw-button');
  var result = document.getElementById('result');
  var chances = document.getElementById('chances');
  var tiles = Array.prototype.slice.call(document.querySelectorAll('#board .tile'));
  var pendingRequest = null; // a request id is reused until its answer arrives (safe retries)

  function api(path, body) {
    return fetch('/api/v1/customer/lotteries/' + lotteryId + path, {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        return { status: res.status, body: json };
      });
    });
  }

  function newRequestId() {
    if (window.crypto && crypto.randomUUID) { return 'h5-' + crypto.randomUUID(); }
    return 'h5-' + Date.now() + '-' + Math.random().toString(36).slice(2);
  }

  function message(code) {
    var key = { 'no-chances': 'msgNoChances', 'rate-limited': 'msgRateLimited', 'lottery-ended': 'msgEnded',
      'session-expired': 'msgSession', 'invalid-session': 'msgSession' }[code] || 'msgError';
    return page.dataset[key];
  }

  // Lights tiles one after another, slowing down once the answer is in, and stops on the prize.
  function spin(answer) {
    var i = 0, delay = 60, started = Date.now(), slowing = false;
    tiles.forEach(function (t) { t.classList.remove('won'); });
    return new Promise(function (resolve) {
      function tick() {
        tiles.forEach(function (t) { t.classList.remove('lit'); });
        var tile = tiles[i % tiles.length];
        var won = answer.value;
        if (won === null || tiles.length === 0) { // refused or failed: stop at once
          resolve(null);
          return;
        }
        tile.classList.add('lit');
        if (won !== undefined && Date.now() - started > 900) { slowing = true; }
        if (slowing && delay >= 160 && String(tile.dataset.prize) === String(won)) {
          tile.classList.remove('lit');
          tile.classList.add('won');
          resolve(tile);
          return;
        }
        if (slowing) { delay = Math.min(delay + 20, 220); }
        i++;
        setTimeout(tick, delay);
      }
      tick();
    });
  }

  function addPrize(draw) {
    var list = document.getElementById('my-prizes');
    var none = document.getElementById('no-prizes');
    if (none) { none.remove(); }
    var li = document.createElement('li');
    li.dataset.draw = draw.draw_id;
    li.className = 'kind-' + draw.prize.kind;
    var name = document.createElement('span');
    name.className = 'prize-name';
    name.textContent = draw.prize.name;
    var at = document.createElement('span');
    at.className = 'prize-at';
    at.textContent = new Date(draw.at).toLocaleString();
    li.appendChild(name);
    li.appendChild(at);
    if (draw.fulfilment) {
      var delivery = document.getElementById('address-template').content.firstElementChild.cloneNode(true);
      delivery.dataset.fulfilment = draw.fulfilment.id;
      li.appendChild(delivery);
    }
    list.insertBefore(li, list.firstChild);
  }

  button.addEventListener('click', function () {
    if (button.disabled) { return; }
    button.disabled = true;
    result.textContent = page.dataset.msgDrawing;
    pendingRequest = pendingRequest || newRequestId();
    var answer = { value: undefined };
    var call = api('/draws', { request_id: pendingRequest }).then(function (res) {
      if (res.status === 200 || res.status === 201) {
        answer.value = res.body.prize.id;
      } else {
        answer.value = null;
      }
      return res;
    }, function (err) { answer.value = null; throw err; });
    Promise.all([call, spin(answer)]).then(function (done) {
      var res = done[0];
      if (res.status === 200 || res.status === 201) {
        pendingRequest = null;
        var draw = res.body;
        chances.textContent = draw.chances_left;
        result.textContent = draw.prize.kind === 'THANK_YOU' ? page.dataset.msgThanks
          : page.dataset.msgWon.replace('{0}', draw.prize.name);
        if (!res.body.replayed) { addPrize(draw); }
        button.disabled = draw.chances_left <= 0;
      } else {
        if (res.status !== 429) { pendingRequest = null; }
        result.textContent = message(res.body.code);
        if (res.body.code === 'no-chances') { chances.textContent = '0'; }
        button.disabled = res.body.code === 'no-chances' || res.body.code === 'lottery-ended';
      }
    }).catch(function () {
      result.textContent = page.dataset.msgError; // network: the same request id is retried next time
      button.disabled = false;
    });
  });

  document.getElementById('my-prizes').addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList.contains('address-form')) { return; }
    e.preventDefault();
    var delivery = form.closest('.delivery');
    var data = { recipient: form.recipient.value, phone: form.phone.value, address: form.address.value };
    api('/fulfilments/' + delivery.dataset.fulfilment + '/address', data).then(function (res) {
      if (res.status === 200) {
        delivery.dataset.status = res.body.status;
        delivery.querySelector('.status').textContent = document.getElementById('status-TO_SHIP').textContent;
        result.textContent = page.dataset.msgSaved;
      } else {
        result.textContent = res.body.detail || message(res.body.code);
      }
    });
  });

  document.getElementById('my-prizes').addEventListener('click', function (e) {
    if (!e.target.classList.contains('received')) { return; }
    var delivery = e.target.closest('.delivery');
    api('/fulfilments/' + delivery.dataset.fulfilment + '/received').then(function (res) {
      if (res.status === 200) {
        delivery.dataset.status = res.body.status;
        delivery.querySelector('.status').textContent = document.getElementById('status-RECEIVED').textContent;
        e.target.remove();
      }
    });
  });
})();
