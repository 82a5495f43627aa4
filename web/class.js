// The class page (web/class.html): lists the course of lessons/index.json
// with instructor links index.html?lesson=ID&step=N&seed=S&lang=L. Lesson
// text is rendered with textContent only; ids are checked before they go
// into a link.
"use strict";
(function () {
  var ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var FILE = /^[a-z0-9][a-z0-9-]{0,63}\.json$/;
  var MAX_SEED = 9007199254740991;
  var course = [];
  var $ = function (id) { return document.getElementById(id); };

  function text(t, lang) {
    if (!t || typeof t !== "object") return "";
    var s = lang === "pt-BR" ? t["pt-BR"] : t.en;
    return typeof s === "string" ? s.slice(0, 4000) : "";
  }
  function randomSeed() {
    var a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return String(a[0] % 1000000);
  }
  function seed() {
    var v = $("class-seed").value.trim();
    if (!/^[0-9]{1,16}$/.test(v) || Number(v) > MAX_SEED) return null;
    return String(Number(v));
  }
  function link(id, step, s, lang) {
    var q = new URLSearchParams({ lesson: id, step: String(step), seed: s, lang: lang });
    return new URL("index.html?" + q.toString(), location.href).href;
  }
  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  }
  function render() {
    var s = seed(), lang = $("class-lang").value === "pt-BR" ? "pt-BR" : "en";
    $("class-msg").textContent = s === null ? "The seed must be a whole number from 0 to 9007199254740991." : "";
    var ol = $("class-course");
    ol.textContent = "";
    var all = [], minutes = 0;
    course.forEach(function (l) {
      minutes += l.minutes;
      var li = el("li", "class__lesson");
      li.appendChild(el("h2", "class__title", text(l.title, lang)));
      li.appendChild(el("p", "class__summary", text(l.summary, lang) + " (" + l.minutes + " min)"));
      var steps = el("ul", "class__steps");
      for (var i = 1; i <= l.steps; i++) {
        var item = el("li", "class__step");
        if (s === null) {
          item.textContent = "Step " + i;
        } else {
          var a = el("a", "class__link", "Step " + i);
          a.href = link(l.id, i, s, lang);
          a.setAttribute("data-lesson", l.id);
          a.setAttribute("data-step", String(i));
          item.appendChild(a);
          all.push(text(l.title, lang) + ", step " + i + ": " + a.href);
        }
        steps.appendChild(item);
      }
      li.appendChild(steps);
      ol.appendChild(li);
    });
    $("class-total").textContent = course.length + " lessons, about " + minutes + " minutes for a first-time learner.";
    $("class-links").value = all.join("\n");
  }
  function load() {
    fetch("lessons/index.json").then(function (r) {
      if (!r.ok) throw new Error("lessons/index.json: HTTP " + r.status);
      return r.json();
    }).then(function (index) {
      var entries = (index && Array.isArray(index.lessons) ? index.lessons : []).slice(0, 100).filter(function (e) {
        return e && typeof e.id === "string" && ID.test(e.id) && typeof e.file === "string" && FILE.test(e.file);
      });
      return Promise.all(entries.map(function (e) {
        return fetch("lessons/" + e.file).then(function (r) { return r.ok ? r.json() : null; }).then(function (l) {
          if (!l || l.id !== e.id || !Array.isArray(l.steps)) return null;
          var m = Number(l.minutes);
          return { id: e.id, title: l.title, summary: l.summary, minutes: m > 0 && m < 1000 ? m : 0, steps: Math.min(l.steps.length, 20) };
        }, function () { return null; });
      }));
    }).then(function (ls) {
      course = ls.filter(Boolean);
      render();
      document.documentElement.setAttribute("data-class", "ready");
    }).catch(function (err) {
      $("class-msg").textContent = "The course could not be loaded: " + err.message;
      document.documentElement.setAttribute("data-class", "error");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    $("class-seed").value = randomSeed();
    $("class-seed").addEventListener("input", render);
    $("class-lang").addEventListener("change", render);
    $("class-new-seed").addEventListener("click", function () { $("class-seed").value = randomSeed(); render(); });
    $("class-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
    load();
  });
})();
