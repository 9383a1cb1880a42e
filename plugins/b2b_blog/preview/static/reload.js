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
  var events = new EventSource("/_preview/events");
  events.addEventListener("build", function (event) {
    if (event.data === served) {
      return;
    }
    events.close();
    sessionStorage.setItem(key, String(Math.round(window.scrollY)));
    location.reload();
  });
})();
