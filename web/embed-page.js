// embed-page.js runs inside web/embed.html, before the Go module: it reads
// the options from the query (theme, readonly, panes, load), decodes the
// state from the fragment (#s=1.<base64url of deflate-raw JSON>), shows the
// request at once as highlighted static text, and loads the module
// (wasm_exec.js, then boot.js) only when the embed is visible or clicked.
// Everything from the URL is data: capped, checked, written as textContent.
// The Go program (wasm/app/embed.go) then takes over and speaks umplay/1
// with the host page.
(function () {
  'use strict';
  var html = document.documentElement;
  var $ = function (id) { return document.getElementById(id); };
  var MAX_FRAGMENT = 2 << 20;   // characters of a #s= fragment
  var MAX_STATE = 6 << 20;      // bytes of inflated JSON (a deflate bomb stops here)
  var MAX_COLOUR = 256 << 10;   // characters highlighted before the module loads

  var q = new URLSearchParams(location.search);
  var notes = [];
  function note(msg) { notes.push(msg); var m = $('embed-msg'); m.textContent = notes.join(' '); m.hidden = false; }

  // The few texts shown before the module loads, in ?lang= (the module then
  // translates the page from its catalogs: wasm/msg).
  var pt = /^pt/i.test(q.get('lang') || '');
  var TEXT = pt ? {
    notChecked: 'ainda não verificado', later: 'A resposta simulada aparece quando o verificador carregar.',
    notLoaded: 'Ainda não carregado.', loading: 'Carregando o verificador…', load: 'Carregar o verificador', open: 'Abrir no umplay ↗'
  } : {
    notChecked: 'not checked yet', later: 'The simulated response appears when the checker has loaded.',
    notLoaded: 'Not loaded yet.', loading: 'Loading the checker…', load: 'Load the checker', open: 'Open in umplay ↗'
  };
  if (pt) {
    html.setAttribute('lang', 'pt-BR');
    $('boot-text').textContent = TEXT.notLoaded;
    $('embed-load').textContent = TEXT.load;
    $('embed-open').textContent = TEXT.open;
  }
  // "Open in umplay" keeps the embed's language.
  var openPage = pt ? 'index.html?lang=pt-BR' : (q.get('lang') === 'en' ? 'index.html?lang=en' : 'index.html');

  var theme = q.get('theme') || 'auto';
  if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') {
    note('theme=' + theme.slice(0, 32) + ' is not light, dark or auto: auto is used.');
    theme = 'auto';
  }
  html.setAttribute('data-theme', theme);

  var ro = q.get('readonly');
  var readonly = ro !== null && ro !== 'false' && ro !== '0';
  if (readonly) { html.setAttribute('data-readonly', ''); }

  var panes = { editor: true, problems: true, response: true };
  if (q.has('panes')) {
    panes = {};
    q.get('panes').split(',').forEach(function (p) {
      p = p.trim();
      if (p === 'editor' || p === 'problems' || p === 'response') { panes[p] = true; } else if (p) {
        note('panes: ' + p.slice(0, 32) + ' is not editor, problems or response.');
      }
    });
    if (!panes.editor && !panes.problems && !panes.response) { panes = { editor: true, problems: true, response: true }; }
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-pane]'), function (el) {
    el.hidden = !panes[el.getAttribute('data-pane')];
  });

  var load = q.get('load') || 'visible';
  if (load !== 'visible' && load !== 'click') {
    note('load=' + load.slice(0, 32) + ' is not visible or click: visible is used.');
    load = 'visible';
  }

  var page = window.umplayEmbedPage = {
    readonly: readonly,
    stateJSON: null,   // the fragment's state as JSON text, for Go's state.Parse
    stateError: '',
    // link sets "Open in umplay" to the full page with json (the state's
    // diff from the defaults) in the fragment.
    link: function (json) {
      encode(json).then(function (frag) { $('embed-open').href = openPage + '#' + frag; }, function () {
        $('embed-open').href = openPage;
      });
    }
  };

  var ta = $('request');
  var sampleText = ta.value;
  $('diag-summary').textContent = TEXT.notChecked;
  var status = document.querySelector('#response [data-field="status"]');
  var mode = document.querySelector('#response [data-field="mode"]');
  status.textContent = '';
  mode.textContent = TEXT.later;

  // ---- the fragment ----
  function b64urlBytes(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s)) { throw new Error('the link is not base64url'); }
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }
  function bytesB64url(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function inflate(bytes) {
    var ds = new DecompressionStream('deflate-raw');
    var w = ds.writable.getWriter();
    w.write(bytes).catch(function () {});
    w.close().catch(function () {});
    var r = ds.readable.getReader(), chunks = [], got = 0;
    function pump() {
      return r.read().then(function (step) {
        if (step.done) {
          var all = new Uint8Array(got), at = 0;
          chunks.forEach(function (c) { all.set(c, at); at += c.length; });
          return new TextDecoder('utf-8', { fatal: true }).decode(all);
        }
        got += step.value.length;
        if (got > MAX_STATE) { r.cancel(); throw new Error('the link inflates to more than 6 MiB'); }
        chunks.push(step.value);
        return pump();
      });
    }
    return pump();
  }
  function encode(json) {
    var cs = new CompressionStream('deflate-raw');
    var w = cs.writable.getWriter();
    w.write(new TextEncoder().encode(json));
    w.close();
    return new Response(cs.readable).arrayBuffer().then(function (buf) {
      return 's=1.' + bytesB64url(new Uint8Array(buf));
    });
  }
  function readFragment() {
    var h = location.hash.slice(1);
    if (!h) { return Promise.resolve(null); }
    if (h.length > MAX_FRAGMENT) { return Promise.reject(new Error('the link is longer than 2 MiB')); }
    var m = /^s=(\d+)\.(.*)$/.exec(h);
    if (!m) { return Promise.reject(new Error('the fragment is not a umplay state (#s=1.…)')); }
    if (m[1] !== '1') { return Promise.reject(new Error('the link is version ' + m[1].slice(0, 8) + ', this embed reads version 1')); }
    var bytes;
    try { bytes = b64urlBytes(m[2]); } catch (e) { return Promise.reject(e); }
    return inflate(bytes).then(function (text) {
      var o = JSON.parse(text);
      if (!o || typeof o !== 'object' || Array.isArray(o)) { throw new Error('the link holds no state object'); }
      return { json: text, request: typeof o.request === 'string' ? o.request : '' };
    }, function (e) {
      throw new Error(e && /6 MiB/.test(e.message) ? e.message : 'the link is damaged (it does not inflate)');
    });
  }

  // ---- the static view: a tiny XML highlighter into textContent spans ----
  var TOKENS = /(<!--[\s\S]*?(?:-->|$))|(<\?[\s\S]*?(?:\?>|$))|(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))|(<!DOCTYPE[^>]*>?)|(<\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)|(&[#\w]+;)/g;
  var ATTRS = /(\s+)|([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)|(=)|("[^"]*"?|'[^']*'?)|(\/?>)/g;
  function span(parent, cls, text) {
    if (!text) { return; }
    if (!cls) { parent.appendChild(document.createTextNode(text)); return; }
    var s = document.createElement('span');
    s.className = 'tok--' + cls;
    s.textContent = text;
    parent.appendChild(s);
  }
  function colour(parent, src) {
    var at = 0, m;
    TOKENS.lastIndex = 0;
    while ((m = TOKENS.exec(src)) !== null) {
      span(parent, '', src.slice(at, m.index));
      at = TOKENS.lastIndex;
      if (m[1]) { span(parent, 'comment', m[1]); continue; }
      if (m[2]) { span(parent, 'pi', m[2]); continue; }
      if (m[3]) { span(parent, 'cdata', m[3]); continue; }
      if (m[4]) { span(parent, 'doctype', m[4]); continue; }
      if (m[8]) { span(parent, 'entity', m[8]); continue; }
      span(parent, 'punct', m[5]);
      span(parent, 'ns', m[6] || '');
      span(parent, 'tag', m[7]);
      // attributes up to the end of the tag
      ATTRS.lastIndex = at;
      var a;
      while ((a = ATTRS.exec(src)) !== null && a.index === at) {
        at = ATTRS.lastIndex;
        if (a[1]) { span(parent, '', a[1]); } else if (a[3]) { span(parent, 'ns', a[2] || ''); span(parent, 'attr', a[3]); } else if (a[4]) { span(parent, 'punct', a[4]); } else if (a[5]) { span(parent, 'value', a[5]); } else if (a[6]) { span(parent, 'punct', a[6]); break; }
        if (!a[0]) { break; }
      }
      TOKENS.lastIndex = at;
    }
    span(parent, '', src.slice(at));
  }
  function showStatic(text) {
    ta.value = text;
    var code = $('highlight');
    code.textContent = '';
    var lines = text.split('\n').length;
    if (text.length <= MAX_COLOUR) {
      colour(code, text);
      $('editor').classList.add('editor--live');
    } else {
      $('editor').classList.remove('editor--live');
    }
    var nums = [];
    for (var i = 1; i <= Math.min(lines, 100000); i++) { nums.push(i); }
    var g = document.querySelector('#gutter .gutter__numbers');
    if (g) { g.textContent = nums.join('\n'); }
    $('editor').style.setProperty('--embed-lines', String(Math.max(3, Math.min(lines, 24))));
  }

  // ---- loading the module ----
  var started = false;
  function startModule() {
    if (started) { return; }
    started = true;
    $('embed-load').hidden = true;
    $('boot-text').textContent = TEXT.loading;
    $('boot-progress').hidden = false;
    var s = document.createElement('script');
    s.src = 'wasm_exec.js';
    s.onload = function () {
      var b = document.createElement('script');
      b.src = 'boot.js';
      document.head.appendChild(b);
    };
    s.onerror = function () {
      html.setAttribute('data-umplay', 'error');
      $('boot-text').textContent = 'Could not load wasm_exec.js: build the page with scripts/build.sh.';
    };
    document.head.appendChild(s);
  }
  function armLoad() {
    ta.addEventListener('focus', startModule);
    if (load === 'click' || typeof IntersectionObserver !== 'function') {
      $('embed-load').hidden = false;
      $('boot-text').textContent = TEXT.notLoaded;
      $('embed-load').addEventListener('click', startModule);
      return;
    }
    var io = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { io.disconnect(); startModule(); return; }
      }
    });
    io.observe($('embed-content'));
  }

  readFragment().then(function (st) {
    if (st) {
      page.stateJSON = st.json;
      showStatic(st.request);
      $('embed-open').href = openPage + location.hash;
    } else {
      showStatic(sampleText);
      $('embed-open').href = openPage;
    }
  }, function (err) {
    page.stateError = 'This embed\'s link could not be read: ' + err.message + '. The default request is shown.';
    note(page.stateError);
    showStatic(sampleText);
  }).then(armLoad);
})();
