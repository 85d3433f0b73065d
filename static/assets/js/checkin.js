// The lecturer's check-in screen: every few seconds, fetch the screen's state and swap in the
// QR code, the code and the people who have checked in, without reloading the page (which
// would flash on a projector). Without JavaScript the page refreshes itself instead.
(function () {
  "use strict";
  var box = document.getElementById("checkin-live");
  if (!box || box.getAttribute("data-poll") !== "1" || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-state");
  var phase = box.getAttribute("data-phase");
  var every = 4000; // the code changes every 30 s and stays valid for one period more

  function render(s) {
    if (s.phase !== phase) {
      // Opening or closing changes the whole screen: let the server draw it.
      window.location.reload();
      return;
    }
    var qr = document.getElementById("checkin-qr");
    if (qr && s.svg && qr.getAttribute("data-code") !== s.code) {
      qr.innerHTML = s.svg; // drawn by the server from the code alone, no user text in it
      qr.setAttribute("data-code", s.code);
    }
    var code = document.getElementById("checkin-code");
    if (code && s.code) {
      code.textContent = s.code;
    }
    document.getElementById("checkin-count").textContent = s.count_text;
    var list = document.getElementById("checkin-arrivals");
    var items = document.createDocumentFragment();
    (s.arrivals || []).forEach(function (a) {
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.className = "arrival-name";
      name.textContent = a.name;
      var at = document.createElement("span");
      at.className = "arrival-at";
      at.textContent = a.at;
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(at);
      items.appendChild(li);
    });
    list.replaceChildren(items);
    document.getElementById("checkin-empty").hidden = (s.arrivals || []).length > 0;
  }

  function tick() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) {
        var json = r.ok && (r.headers.get("Content-Type") || "").indexOf("json") >= 0;
        return json ? r.json() : null;
      })
      .then(function (s) {
        if (s) {
          render(s);
        }
      })
      .catch(function () { /* offline for a moment: try again on the next tick */ })
      .then(function () { window.setTimeout(tick, every); });
  }
  window.setTimeout(tick, every);
})();
