// boot.js loads the Go checker (main.wasm) with progress and reports failures.
// ES5 on purpose: an old browser must be able to run it to say it is too old.
// The Go program installs window.umplay through umplayBoot.wrap (JS has to throw
// the Error objects: a Go callback cannot) and then marks <html data-umplay="ready">.
(function () {
  'use strict';
  var html = document.documentElement;
  var text = document.getElementById('boot-text');
  var bar = document.getElementById('boot-progress');

  // The few texts shown before the Go program (and its catalogs) runs, in
  // the page's language, chosen by the rule of wasm/msg.Choose: ?lang=, the
  // stored choice, navigator.languages, English.
  var texts = {
    en: {
      loading: 'Loading the checker…', starting: 'Starting the checker…',
      old: 'This browser is too old for umplay: it needs WebAssembly. Use a current Chrome, Edge, Firefox or Safari.',
      runtime: 'Could not load wasm_exec.js, the Go runtime support. Build the page with scripts/build.sh and reload.',
      stopped: 'The checker stopped unexpectedly. Reload the page to start it again.',
      failed: 'Could not start the checker: ', reload: '. Reload to try again.'
    },
    'pt-BR': {
      loading: 'Carregando o verificador…', starting: 'Iniciando o verificador…',
      old: 'Este navegador é antigo demais para o umplay: ele precisa de WebAssembly. Use uma versão atual do Chrome, Edge, Firefox ou Safari.',
      runtime: 'Não foi possível carregar o wasm_exec.js, o suporte de execução do Go. Gere a página com scripts/build.sh e recarregue.',
      stopped: 'O verificador parou inesperadamente. Recarregue a página para iniciá-lo de novo.',
      failed: 'Não foi possível iniciar o verificador: ', reload: '. Recarregue para tentar de novo.'
    }
  };
  function langOf(s) {
    s = String(s || '').toLowerCase().replace(/_/g, '-').split(/[.@]/)[0];
    var base = s.split('-')[0];
    return base === 'pt' ? 'pt-BR' : (base === 'en' || base === 'c' || base === 'posix') ? 'en' : '';
  }
  function chooseLang() {
    var m = /(?:^\?|&)lang=([^&]*)/.exec(window.location.search || '');
    var l = m ? langOf(m[1].replace(/%2d/gi, '-').replace(/%5f/gi, '_')) : '';
    if (l) { return l; }
    try { l = langOf(window.localStorage && window.localStorage.getItem('umplay.lang')); } catch (e) { l = ''; }
    if (l) { return l; }
    var ls = navigator.languages || [navigator.language];
    for (var i = 0; i < ls.length; i++) {
      l = langOf(ls[i]);
      if (l && !/^(c|posix)$/i.test(ls[i])) { return l; }
    }
    return 'en';
  }
  var lang = chooseLang(), t = texts[lang];
  html.setAttribute('lang', lang);

  function say(msg) { if (text) { text.textContent = msg; } }
  function fail(msg) {
    html.setAttribute('data-umplay', 'error');
    say(msg);
    if (bar) { bar.hidden = true; }
    var box = document.getElementById('boot-status');
    if (box) { box.className += ' boot-status--error'; }
  }

  window.umplayBoot = {
    // wrap turns the Go functions (returning {value} or {error}) into the public API.
    wrap: function (api) {
      function unwrap(name) {
        return function () {
          var r = api[name].apply(null, arguments);
          if (r && typeof r.error === 'string') { throw new Error(r.error); }
          return r ? r.value : undefined;
        };
      }
      var o = { version: api.version };
      ['check', 'decodeCallId', 'build', 'send', 'state', 'setState'].forEach(function (n) {
        if (api[n]) { o[n] = unwrap(n); }
      });
      return Object.freeze(o);
    },
    fail: fail
  };

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function' ||
      typeof window.fetch !== 'function' || typeof window.Promise !== 'function' ||
      typeof window.TextEncoder !== 'function') {
    fail(t.old);
    return;
  }
  if (typeof window.Go !== 'function') {
    fail(t.runtime);
    return;
  }

  var go = new window.Go();
  say(t.loading);
  window.umplayBoot.started = true;
  // early.js has usually started the download and the compilation already.
  var early = window.umplayEarly;
  (early ? early.response : fetch('main.wasm')).then(function (resp) {
    if (!resp.ok) { throw new Error('main.wasm: HTTP ' + resp.status + ' ' + resp.statusText); }
    var total = +resp.headers.get('Content-Length') || 0;
    var exact = total && !resp.headers.get('Content-Encoding');
    // bytes instantiates from the whole body, for a browser that cannot
    // stream or a server that does not say application/wasm (streaming
    // refuses that): fetched again, from the HTTP cache when it kept it.
    function bytes() {
      return fetch('main.wasm').then(function (again) {
        if (!again.ok) { throw new Error('main.wasm: HTTP ' + again.status + ' ' + again.statusText); }
        return again.arrayBuffer();
      }).then(function (b) {
        say(t.starting);
        return WebAssembly.instantiate(b, go.importObject);
      }).then(function (result) {
        return result.instance;
      });
    }
    var counted = early ? early.count : (typeof resp.clone === 'function' && resp.body && resp.clone());
    if (typeof WebAssembly.instantiateStreaming !== 'function' || !counted || !counted.body.getReader) {
      return early ? early.module.then(function (m) {
        return WebAssembly.instantiate(m, go.importObject);
      }, bytes) : bytes();
    }
    // The clone of the body counts the bytes for the progress bar. It keeps
    // none of them, and paints at most once a frame: the chunks arrive on
    // the main thread, which the page's own loading and the compiler's
    // hand-offs need too (a copy of every chunk and a repaint for each made
    // the page ready later).
    var got = 0, painting = false, done = false;
    function paint() {
      painting = false;
      if (done) { return; }
      var mb = (got / 1048576).toFixed(1) + ' MB';
      if (exact && got <= total) {
        bar.value = Math.round(100 * got / total);
        say(t.loading + ' ' + bar.value + ' % (' + mb + ')');
      } else {
        say(t.loading + ' ' + mb);
      }
    }
    var counter = counted.body.getReader();
    (function count() {
      return counter.read().then(function (step) {
        if (step.done) {
          done = true;
          say(t.starting);
          bar.removeAttribute('value');
          return;
        }
        got += step.value.length;
        if (!painting) {
          painting = true;
          window.requestAnimationFrame(paint);
        }
        return count();
      });
    })().catch(function () {}); // the progress bar is only a nicety
    var instance = early ? early.module.then(function (m) {
      return WebAssembly.instantiate(m, go.importObject);
    }) : WebAssembly.instantiateStreaming(resp, go.importObject).then(function (result) {
      return result.instance;
    });
    return instance.catch(function () {
      counter.cancel();
      return bytes();
    });
  }).then(function (instance) {
    go.run(instance).then(function () {
      fail(t.stopped);
    });
  }).catch(function (err) {
    fail(t.failed + (err && err.message ? err.message : err) + t.reload);
  });
})();
