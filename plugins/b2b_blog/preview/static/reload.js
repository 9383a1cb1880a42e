// Preview only (injected by `invoke livereload`, never part of the built site): reload the page
// after each build, at the same scroll position. The server pushes build numbers as server-sent events.
(function () {
  "use strict";
  var script = document.currentScript;
  var served = script ? new URL(script.src).searchParams.get("build") : null;
  var key = "b2b-preview-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    if ("scrollRestoration" in history) {
      history.scrollRestoration = "manual";
    }
    var restore = function () { window.scrollTo(0, parseInt(saved, 10) || 0); };
    if (document.readyState === "complete") {
      restore();
    } else {
      window.addEventListener("load", restore);
    }
  }

  // A build's event is its number; while it runs, also the pages it wrote first ("7 /slug/"):
  // only those tabs reload then, the others at the build's end.
  var here = location.pathname.replace(/index\.html$/, "");
  var reloading = false;
  function built(event) {
    var words = String(event).split(" ");
    var number = words[0];
    if (reloading || number === served || (words.length > 1 && words.indexOf(here, 1) < 0)) {
      return;
    }
    reloading = true;
    sessionStorage.setItem(key, String(Math.round(window.scrollY)));
    location.reload();
  }

  function listen(onNumber) {
    var events = new EventSource("/_preview/events");
    events.addEventListener("build", function (event) { onNumber(event.data); });
  }

  // Browsers open at most six connections to one host over HTTP/1.1: one tab (the holder of a
  // Web Lock) keeps the event stream and tells the others through a BroadcastChannel.
  if (!("locks" in navigator) || !("BroadcastChannel" in window)) {
    listen(built);
    return;
  }
  var channel = new BroadcastChannel("b2b-preview");
  var last = null;
  channel.addEventListener("message", function (event) {
    if (event.data === "ask") {
      if (last !== null) {
        channel.postMessage(last);
      }
    } else {
      built(event.data);
    }
  });
  channel.postMessage("ask");
  navigator.locks.request("b2b-preview-events", function () {
    listen(function (number) {
      last = number;
      channel.postMessage(number);
      built(number);
    });
    return new Promise(function () {});  // held as long as this page lives
  });
})();
