// Keeps the session of a long form alive while its page is open: marking a roster on a phone
// can take longer than the 30 idle minutes after which a session ends. A page that is hidden
// (the phone locked, another tab) does not ping; it pings as soon as it is shown again. Should
// the session end all the same, the form is not lost: the server offers it again after sign-in.
(function () {
  "use strict";
  var every = 5 * 60 * 1000;
  var last = Date.now();
  function ping() {
    if (document.visibilityState !== "visible") { return; }
    last = Date.now();
    fetch("/keepalive", { credentials: "same-origin", cache: "no-store" }).catch(function () {});
  }
  setInterval(ping, every);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && Date.now() - last > every) { ping(); }
  });
})();
