/* lexkb report: search as you type, with no server. The language folder's search-index.js sets
   window.LEXKB_SEARCH (offences and provisions, each with the page it opens); this script matches
   every word of the query against the start of the words of each entry, in both languages, with
   accents and case folded ("explotacion" finds "explotación"). The box stays hidden without it. */
(function () {
  "use strict";
  var MAX = 25;
  var WORDS = {
    en: {one: "1 result", many: " results", none: "No results", shown: "showing the first ",
         offence: "offence", provision: "provision", other: "in Spanish: ", otherLang: "label in Spanish"},
    es: {one: "1 resultado", many: " resultados", none: "Sin resultados", shown: "se muestran los primeros ",
         offence: "delito", provision: "disposición", other: "en inglés: ", otherLang: "denominación en inglés"}
  };

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9ñ]+/).filter(Boolean);
  }
  function hasPrefix(list, token) {
    for (var i = 0; i < list.length; i++) if (list[i].lastIndexOf(token, 0) === 0) return true;
    return false;
  }

  function prepare(e) {
    e._label = fold(e.t);
    e._num = fold(Array.isArray(e.n) ? "" : e.n);
    e._names = words([e.t, e.a].concat(e.s || [], Array.isArray(e.n) ? e.n : []).join(" "));
    e._where = e._names.concat(words(e.i));
    e._all = e._where.concat(words((e.id || "") + " " + (e.x || "")));
    return e;
  }

  /* Best first: the label or number itself, then a match in the entry's names (both languages,
     aliases, an offence's articles), in its instrument, anywhere (its id, the first words of its text);
     an offence before a provision, a shorter label before a longer one. */
  function rank(e, q, tokens) {
    function within(list) { return tokens.every(function (t) { return hasPrefix(list, t); }); }
    if (!within(e._all)) return 0;
    var score = e._label === q || e._num === q ? 100 : within(e._names) ? 60 : within(e._where) ? 40 : 10;
    return score + (e.k === "o" ? 5 : 0);
  }

  function init() {
    var form = document.querySelector("form.site-search");
    var data = window.LEXKB_SEARCH;
    if (!form || !Array.isArray(data)) return;
    var lang = document.documentElement.lang === "es" ? "es" : "en";
    var w = WORDS[lang];
    var root = form.getAttribute("data-root") || "";
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector(".search-status");
    var list = form.querySelector(".search-results");
    var entries = data.map(prepare);
    form.hidden = false;

    function item(e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.h;
      a.textContent = e.t;
      if (e.l) { a.lang = e.l; a.title = w.otherLang; }
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      var where = Array.isArray(e.n) ? e.n.join(", ") : e.t === e.i ? "" : e.i;
      meta.textContent = (e.k === "o" ? w.offence : w.provision) + (where ? " · " + where : "");
      li.appendChild(meta);
      if (e.a) {
        var other = document.createElement("span");
        other.className = "other";
        other.textContent = w.other;
        var text = document.createElement("span");
        text.lang = lang === "es" ? "en" : "es";
        text.textContent = e.a;
        other.appendChild(text);
        li.appendChild(other);
      }
      if (e.x) {
        var x = document.createElement("span");
        x.className = "snippet";
        x.textContent = e.x;
        li.appendChild(x);
      }
      return li;
    }

    function update() {
      var q = fold(input.value).trim();
      var tokens = words(q);
      list.textContent = "";
      list.setAttribute("data-query", input.value);  /* what the list answers (tests wait for it) */
      if (!tokens.length) { status.textContent = ""; return; }
      var hits = [];
      entries.forEach(function (e, i) {
        var s = rank(e, q, tokens);
        if (s) hits.push({e: e, s: s, i: i});
      });
      hits.sort(function (x, y) { return y.s - x.s || x.e.t.length - y.e.t.length || x.i - y.i; });
      hits.slice(0, MAX).forEach(function (h) { list.appendChild(item(h.e)); });
      status.textContent = !hits.length ? w.none : (hits.length === 1 ? w.one : hits.length + w.many)
        + (hits.length > MAX ? " (" + w.shown + MAX + ")" : "");
    }

    input.addEventListener("input", update);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; update(); }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    if (input.value) update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
