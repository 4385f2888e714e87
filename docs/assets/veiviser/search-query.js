// Search that understands how a GP searches, on Material's own search (lunr in a web worker).
// A classic script in the page head (mkdocs.yml extra.polyfills), so it runs before Material's
// bundle creates the search worker. It puts a thin wrapper around that one worker (no other
// worker is touched) and changes only the query it is sent:
//
// - Pages matching all words come first. A query of two or more words is sent twice: once with
//   every word required (+word*), once as Material sends it (any word). The results of the first
//   come first; the second adds the pages that match only some words.
// - The everyday words of data/synonyms.yaml («gjeld», «husløs», «depresjon» ...) are searched as
//   whole words: «gjeld» does not match «gjelder». The pages they stand for carry them (hidden) in
//   the search index, so «husløs» finds the housing offers.
// A query with lunr's own syntax (+ - * ~ ^ : or quotes) goes to the worker as it is typed.
//
// The index loads on first use, not with every page. Material requests search/search_index.json
// (about two thirds of a page's bytes) and starts its worker as soon as any page loads, and the
// worker builds the index on the second core while the page (or Python, on a form) starts. Here
// the request for the index is held back (its XMLHttpRequest.send) until the search box is first
// focused (a click, a touch, or Material's keys / s f, which focus it) or its label is pressed, or
// the page was opened with ?q= or ?h= (Material's search and highlight links); search-words.json
// is fetched then too, and the worker itself is only made when the index is there (Material's
// first message to it). Material already does the same on file: pages (index when search opens).
(function () {
  "use strict";
  var NativeWorker = window.Worker;
  if (!NativeWorker || typeof EventTarget !== "function" || !document.currentScript) return;
  var QUERY = 2, RESULT = 3;              // Material's SearchMessageType
  var wordsUrl = new URL("search-words.json", document.currentScript.src);
  var words = new Set(), wordsReady = null;
  function loadWords() {
    if (!wordsReady) {
      wordsReady = fetch(wordsUrl)
        .then(function (r) { return r.ok ? r.json() : { words: [] }; })
        .then(function (d) { words = new Set(d.words); })
        .catch(function () { /* search still works, without whole-word synonyms */ });
    }
    return wordsReady;
  }

  var started = false, held = [];
  function start() {
    if (started) return;
    started = true;
    loadWords();
    document.documentElement.setAttribute("data-vv-search", "loading");    // for tests and tools
    held.splice(0).forEach(function (send) { send(); });
  }
  var xhrOpen = XMLHttpRequest.prototype.open, xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.vvSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.vvSearchIndex || started) return xhrSend.apply(xhr, args);
    held.push(function () { xhrSend.apply(xhr, args); });
  };
  function inSearch(target, selector) {
    return target instanceof Element && target.closest(selector) !== null;
  }
  document.addEventListener("focusin", function (ev) {
    if (inSearch(ev.target, "form[name=search]")) start();
  });
  document.addEventListener("pointerdown", function (ev) {
    if (inSearch(ev.target, "label[for=__search], form[name=search]")) start();
  }, true);
  if (/[?&][qh]=/.test(location.search)) start();

  function parts(query) {
    return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  }

  // Which words of the query are everyday words (or part of an everyday phrase such as
  // «uten henvisning»): those are searched whole.
  function wholeWords(list) {
    var whole = list.map(function (w) { return words.has(w); });
    for (var i = 0; i < list.length; i++) {
      for (var j = list.length; j > i + 1; j--) {
        if (words.has(list.slice(i, j).join(" "))) {
          for (var k = i; k < j; k++) whole[k] = true;
          break;
        }
      }
    }
    return whole;
  }

  // One query as lunr syntax: required (strict) or not, whole word or prefix. In the strict
  // query the words of an everyday phrase («uten henvisning») must stand in the text, so a page
  // whose title merely holds one of them («Plassering uten samtykke») does not come first.
  function rewrite(query, strict) {
    var list = parts(query), whole = wholeWords(list), phrase = list.length > 1 && whole.filter(Boolean).length > 1;
    return list.map(function (w, i) {
      if (whole[i] && strict) return phrase && !words.has(w) ? "+text:" + w : "+" + w;
      if (whole[i]) return w + "^1";                       // ^1: no wildcard, the whole word
      return strict ? "+" + w + "*" : w;                   // Material adds * itself
    }).join(" ");
  }

  function plain(query) {
    return !/[+\-*~^:"]/.test(query);
  }

  // Strict results first, then the pages only the loose query found.
  function merge(strict, loose) {
    var seen = new Set(strict.items.map(function (group) { return group[0] && group[0].location; }));
    var rest = loose.items.filter(function (group) { return group[0] && !seen.has(group[0].location); });
    var out = { items: strict.items.concat(rest) };
    if (loose.suggest) out.suggest = loose.suggest;
    return out;
  }

  function SearchWorker(url, options) {
    var target = new EventTarget();
    var worker = null;    // made on Material's first message (the index): see the top
    var job = null;       // the query the worker is answering: {query, parts, results}
    var waiting = null;   // the newest query typed meanwhile (older ones are dropped: stale)

    function emit(data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof target.onmessage === "function") target.onmessage(event);
    }

    function send(query) {
      var n = parts(query).length;
      if (!plain(query) || n === 0) {
        job = { query: query, parts: 1, results: [] };
        worker.postMessage({ type: QUERY, data: query });
      } else if (n === 1) {
        job = { query: query, parts: 1, results: [] };
        worker.postMessage({ type: QUERY, data: rewrite(query, false) });
      } else {
        job = { query: query, parts: 2, results: [] };
        worker.postMessage({ type: QUERY, data: rewrite(query, true) });
        worker.postMessage({ type: QUERY, data: rewrite(query, false) });
      }
    }

    function listen(worker) {
      worker.addEventListener("message", function (ev) {
        var msg = ev.data;
        if (!msg || msg.type !== RESULT || !job) { emit(msg); return; }
        job.results.push(msg.data);
        if (job.results.length < job.parts) return;
        var done = job;
        job = null;
        var data = done.parts === 2 ? merge(done.results[0], done.results[1]) : done.results[0];
        emit({ type: RESULT, data: data });
        // For tests and tools: the query whose results are on screen, and every page found in
        // order (Material draws the first ten).
        document.documentElement.vvSearchPages = data.items.map(function (group) { return group[0] && group[0].location; });
        document.documentElement.setAttribute("data-vv-searched", done.query);
        if (waiting !== null) {
          var next = waiting;
          waiting = null;
          send(next);
        }
      });
      worker.addEventListener("error", function (ev) { target.dispatchEvent(new ErrorEvent("error", ev)); });
    }

    target.postMessage = function (msg, transfer) {
      if (msg && msg.type === QUERY && typeof msg.data === "string") {
        if (job) waiting = msg.data;
        else send(msg.data);
        return;
      }
      // Material's first message is the index: the worker is made now; the words are in before
      // any query (queries come after the worker is ready).
      loadWords().then(function () {
        if (!worker) {
          worker = new NativeWorker(url, options);
          listen(worker);
        }
        worker.postMessage(msg, transfer);
      });
    };
    target.terminate = function () { if (worker) worker.terminate(); };
    return target;
  }

  function VeiviserWorker(url, options) {
    if (/\/workers\/search\.[^/]*\.js(\?|$)/.test(String(url))) return SearchWorker(url, options);
    return new NativeWorker(url, options);
  }
  VeiviserWorker.prototype = NativeWorker.prototype;
  window.Worker = VeiviserWorker;
})();
