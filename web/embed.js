// embed.js — put a umplay playground into a documentation page.
//
//   <script src="https://umplay.example/embed.js"></script>
//   umplay.embed(document.getElementById('demo'), {state: {request: '<soap:Envelope…'}, theme: 'auto'})
//     .then(function (h) { return h.check(); })
//     .then(function (report) { console.log(report.status, report.faultCode); });
//
// embed(element, {state, theme, readonly, panes, load, lang, lesson, step, seed, src, height}) appends an
// iframe of embed.html (next to this script unless src says otherwise) to
// element, with the options in its query and the state in its fragment, and
// answers the iframe's umplay/1 handshake. The promise resolves with a handle
// once the embed has loaded its checker (with load "visible", the default:
// when it scrolls into view; with "click": when the reader clicks it):
//   setState(state) → Promise<state>   getState() → Promise<state>
//   check() → Promise<report>          setTheme(theme) → Promise<undefined>
//   on(type, fn) → off()  (type: state, report, resize, error)
//   destroy()
// The iframe's height follows the embed's content (its resize messages).
// Messages are only taken from that iframe and its origin, and only sent to
// its origin. See README, "Embedding", for every message's shape.
(function (global) {
  'use strict';
  var base = (document.currentScript && document.currentScript.src) || location.href;
  var TIMEOUT = 15000;

  function b64url(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // fragment is the share-link form of a state: s=1.<base64url of deflate-raw JSON>.
  function fragment(state) {
    if (state === undefined || state === null) { return Promise.resolve(''); }
    var cs = new CompressionStream('deflate-raw');
    var w = cs.writable.getWriter();
    w.write(new TextEncoder().encode(JSON.stringify(state)));
    w.close();
    return new Response(cs.readable).arrayBuffer().then(function (buf) {
      return '#s=1.' + b64url(new Uint8Array(buf));
    });
  }

  function embed(element, opts) {
    opts = opts || {};
    if (!element || typeof element.appendChild !== 'function') {
      return Promise.reject(new Error('umplay.embed: give the element to put the playground in'));
    }
    var url = new URL(opts.src || 'embed.html', base);
    var origin = url.origin;
    if (opts.theme) { url.searchParams.set('theme', String(opts.theme)); }
    if (opts.readonly) { url.searchParams.set('readonly', '1'); }
    if (opts.panes) { url.searchParams.set('panes', [].concat(opts.panes).join(',')); }
    if (opts.load) { url.searchParams.set('load', String(opts.load)); }
    if (opts.lang) { url.searchParams.set('lang', String(opts.lang)); }
    if (opts.lesson) {
      url.searchParams.set('lesson', String(opts.lesson));
      if (opts.step) { url.searchParams.set('step', String(opts.step)); }
      if (opts.seed) { url.searchParams.set('seed', String(opts.seed)); }
    }

    var frame = document.createElement('iframe');
    frame.title = opts.title || 'umplay playground';
    frame.className = 'umplay-embed';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = (opts.height || 380) + 'px';
    frame.setAttribute('referrerpolicy', 'no-referrer');

    var listeners = { state: [], report: [], resize: [], error: [] };
    var pending = {};
    var nextId = 1;
    var greeted = false, alive = true, handle;
    var resolveReady, rejectReady;
    var ready = new Promise(function (res, rej) { resolveReady = res; rejectReady = rej; });

    function send(msg) {
      if (alive && frame.contentWindow) { frame.contentWindow.postMessage(msg, origin); }
    }
    function emit(type, data) {
      listeners[type].slice().forEach(function (fn) {
        try { fn(data); } catch (e) { setTimeout(function () { throw e; }); }
      });
    }
    function request(msg) {
      if (!alive) { return Promise.reject(new Error('umplay.embed: the embed was destroyed')); }
      var id = 'm' + (nextId++);
      msg.umplay = 1;
      msg.id = id;
      return new Promise(function (res, rej) {
        var timer = setTimeout(function () {
          delete pending[id];
          rej(new Error('umplay.embed: no answer to ' + msg.type + ' within ' + TIMEOUT / 1000 + ' s'));
        }, TIMEOUT);
        pending[id] = { res: res, rej: rej, timer: timer };
        send(msg);
      });
    }
    function settle(d, ok, value) {
      var p = pending[d.id];
      if (!p) { return false; }
      delete pending[d.id];
      clearTimeout(p.timer);
      if (ok) { p.res(value); } else { p.rej(new Error('umplay: ' + d.message)); }
      return true;
    }
    function onMessage(ev) {
      if (ev.source !== frame.contentWindow || ev.origin !== origin) { return; }
      var d = ev.data;
      if (!d || typeof d !== 'object' || d.umplay !== 1 || typeof d.type !== 'string') { return; }
      switch (d.type) {
        case 'ready':
          greeted = true;
          send({ umplay: 1, type: 'hello' });
          return;
        case 'state':
          if (d.id === undefined || !settle(d, true, d.state)) { emit('state', d.state); }
          return;
        case 'report':
          var report = { diagnostics: d.diagnostics, status: d.status, faultCode: d.faultCode };
          if (d.id !== undefined && settle(d, true, report)) { return; }
          if (greeted && handle && !handle._ready) { handle._ready = true; resolveReady(handle); }
          emit('report', report);
          return;
        case 'resize':
          if (typeof d.height === 'number' && d.height >= 0 && opts.autoHeight !== false) {
            frame.style.height = Math.min(Math.ceil(d.height), 20000) + 'px';
          }
          emit('resize', { height: d.height });
          return;
        case 'error':
          if (d.id !== undefined && settle(d, false)) { return; }
          emit('error', { message: String(d.message) });
          return;
      }
    }
    window.addEventListener('message', onMessage);

    handle = {
      _ready: false,
      iframe: frame,
      setState: function (state) { return request({ type: 'setState', state: state }); },
      getState: function () { return request({ type: 'getState' }); },
      check: function () { return request({ type: 'check' }); },
      setTheme: function (theme) {
        if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') {
          return Promise.reject(new Error('umplay.embed: theme must be light, dark or auto'));
        }
        send({ umplay: 1, type: 'setTheme', theme: theme });
        return Promise.resolve();
      },
      on: function (type, fn) {
        if (!listeners[type]) { throw new Error('umplay.embed: no event ' + type + ' (state, report, resize, error)'); }
        listeners[type].push(fn);
        return function () {
          var i = listeners[type].indexOf(fn);
          if (i >= 0) { listeners[type].splice(i, 1); }
        };
      },
      destroy: function () {
        alive = false;
        window.removeEventListener('message', onMessage);
        Object.keys(pending).forEach(function (id) {
          clearTimeout(pending[id].timer);
          pending[id].rej(new Error('umplay.embed: the embed was destroyed'));
        });
        pending = {};
        if (frame.parentNode) { frame.parentNode.removeChild(frame); }
        rejectReady(new Error('umplay.embed: the embed was destroyed'));
      }
    };

    return fragment(opts.state).then(function (hash) {
      // A state too big for a link (the full page reads links up to 64 KiB)
      // goes by setState once the embed is ready.
      var big = hash.length > 65536;
      frame.src = url.href + (big ? '' : hash);
      element.appendChild(frame);
      return big ? ready.then(function (h) { return h.setState(opts.state).then(function () { return h; }); }) : ready;
    });
  }

  global.umplay = global.umplay || {};
  global.umplay.embed = embed;
})(window);
