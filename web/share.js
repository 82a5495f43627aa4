// share.js compresses and expands umplay's share links with the browser's own
// CompressionStream / DecompressionStream ('deflate-raw', RFC 1951), so the Go
// program does not link compress/flate (about 34 KB brotli of the module). Go
// (package wasm/share/payload) makes and checks the JSON; this file only turns
// bytes into deflate and back, with the inflated size capped while reading: a
// deflate bomb stops at the cap, the rest of it never inflated.
//
// window.umplayShare:
//   supported()                 → whether the browser has both streams
//   deflate(bytes)              → Promise<Uint8Array>
//   inflate(bytes[, max])       → Promise<Uint8Array>; rejects past max bytes
//   encode(jsonText)            → Promise<"s=1.<base64url>"> (no size check: Go's Join does it)
//   decode(fragmentOrURL)       → Promise<{version, json}>: the payload's JSON text, not checked;
//                                 a page shows nothing of it before Go's payload.Open has
// A link's format: #s=<version>.<base64url, no padding, of deflate-raw of the JSON>.
(function () {
  'use strict';
  var MAX_FRAGMENT = 65536;     // payload.MaxFragment
  var MAX_INFLATED = 5308416;   // payload.MaxInflated: soap's 5 MiB + 64 KiB

  function supported() {
    return typeof window.CompressionStream === 'function' && typeof window.DecompressionStream === 'function' &&
      typeof window.Blob === 'function' && typeof window.Blob.prototype.stream === 'function';
  }

  function need() {
    if (!supported()) {
      return Promise.reject(new Error('share: this browser cannot compress links (no CompressionStream); ' +
        'use a current Chrome, Edge, Firefox or Safari, or save the state as a file'));
    }
    return null;
  }

  // readAll reads a stream of Uint8Arrays into one, failing once more than
  // max bytes came (the stream is cancelled then).
  function readAll(stream, max, tooBig) {
    var reader = stream.getReader(), chunks = [], n = 0;
    function step() {
      return reader.read().then(function (r) {
        if (r.done) {
          var out = new Uint8Array(n), at = 0;
          chunks.forEach(function (c) { out.set(c, at); at += c.length; });
          return out;
        }
        n += r.value.length;
        if (n > max) {
          reader.cancel().catch(function () {});
          throw new Error(tooBig);
        }
        chunks.push(r.value);
        return step();
      });
    }
    return step();
  }

  function deflate(bytes) {
    var no = need();
    if (no) { return no; }
    var s = new window.Blob([bytes]).stream().pipeThrough(new window.CompressionStream('deflate-raw'));
    return readAll(s, Infinity, '');
  }

  function inflate(bytes, max) {
    var no = need();
    if (no) { return no; }
    if (typeof max !== 'number') { max = MAX_INFLATED; }
    var tooBig = 'share: the link\'s state inflates to more than ' + max +
      ' bytes, the limit: it is not a state umplay made';
    var s = new window.Blob([bytes]).stream().pipeThrough(new window.DecompressionStream('deflate-raw'));
    return readAll(s, max, tooBig).catch(function (err) {
      var msg = err && err.message ? err.message : String(err);
      if (msg === tooBig) { throw err; }
      throw new Error('share: the link\'s state is not deflate data (' + msg + '; was the link cut or changed?)');
    });
  }

  function toBase64URL(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return window.btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64URL(s) {
    var bad = s.search(/[^A-Za-z0-9_-]/);
    if (bad >= 0) {
      throw new Error('share: the link\'s state is not base64url (character ' + JSON.stringify(s.charAt(bad)) + ')');
    }
    if (s.length % 4 === 1) {
      throw new Error('share: the link\'s state is not base64url (it ends too early)');
    }
    var bin = window.atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function encode(json) {
    return deflate(new window.TextEncoder().encode(json)).then(function (d) { return 's=1.' + toBase64URL(d); });
  }

  function decode(fragment) {
    return new Promise(function (resolve) {
      var f = String(fragment);
      var hash = f.indexOf('#');
      if (hash >= 0) { f = f.slice(hash + 1); }
      if (f.length > MAX_FRAGMENT) {
        throw new Error('share: the link\'s fragment is ' + f.length + ' characters long, the limit is ' + MAX_FRAGMENT);
      }
      var val = null;
      f.split('&').forEach(function (p) { if (val === null && p.slice(0, 2) === 's=') { val = p.slice(2); } });
      if (val === null) { throw new Error('share: the link holds no state (no #s=)'); }
      var m = /^([0-9]{1,4})\.(.*)$/.exec(val);
      if (!m) { throw new Error('share: the link\'s state should look like s=1.<data>'); }
      var version = +m[1], data = fromBase64URL(m[2]);
      resolve(inflate(data).then(function (bytes) {
        return { version: version, json: new window.TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      }));
    });
  }

  window.umplayShare = Object.freeze({
    supported: supported, deflate: deflate, inflate: inflate, encode: encode, decode: decode,
    MAX_FRAGMENT: MAX_FRAGMENT, MAX_INFLATED: MAX_INFLATED
  });
})();
