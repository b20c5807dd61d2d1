// Calm when offline: the app's own notice at once, taps kept and sent later, our own offline page.
//
// - The notice (components/offline.py) shows while <html data-offline> is set, or while Reflex has
//   connection errors. The browser's "offline" event sets it at once: Reflex itself only notices
//   a lost socket at its next failed reconnect or ping, which can take many seconds. socket.io's
//   engine closes its socket on that same event (except on "localhost"), so Reflex keeps every tap
//   in its event queue and sends it once the socket is back.
// - A tap or a sent form while offline: data-offline="queued", and the notice says that what was
//   typed will be sent. The fields keep their text: nothing here touches them.
// - A socket closed by the server or lost shows the notice at once too (Reflex's hook
//   window.__reflex_otel.onSocketDisconnect); the next tap makes Reflex connect again.
// - Back online: the notice goes when Reflex's socket connects again (its instrumentation hook
//   window.__reflex_otel.onSocketConnect, chained with whatever was there).
// - The service worker (/sw.js) shows /offline.html when a page cannot load at all.
(function () {
  var root = document.documentElement;

  if (document.body && document.body.hasAttribute("data-offline-page")) {
    offlinePage();
    return;
  }

  var down = navigator.onLine === false;
  var queued = false;

  // The state on <html data-offline>, put back if React drops it (it takes <html> over when it
  // mounts and removes attributes it did not set).
  function show() {
    var wanted = queued ? "queued" : down ? "lost" : null;
    if (root.getAttribute("data-offline") === wanted) return;
    if (wanted) root.setAttribute("data-offline", wanted);
    else root.removeAttribute("data-offline");
  }
  new MutationObserver(show).observe(root, { attributes: true, attributeFilter: ["data-offline"] });

  function lost() {
    return down || !!document.querySelector(".offline.shown");
  }

  function backAgain() {
    down = false;
    queued = false;
    show();
  }

  window.addEventListener("offline", function () {
    down = true;
    show();
  });
  window.addEventListener("online", function () {
    down = false;
    show();
    if (window.__reflex_otel && window.__reflex_otel.onSocketConnect === onConnect) return;
    // Without the hook: the notice goes once Reflex reports no connection errors any more.
    var tries = 0;
    var timer = setInterval(function () {
      if (!document.querySelector(".offline.shown") || ++tries > 60) {
        clearInterval(timer);
        backAgain();
      }
    }, 500);
  });

  function kept(event) {
    var target = event.target && event.target.closest ? event.target : null;
    if (event.type === "click") {
      target = target && target.closest("button, [role=button], [role=radio], input[type=submit]");
      if (!target || target.closest(".read-aloud")) return;
    }
    if (lost()) {
      queued = true;
      show();
    }
  }
  document.addEventListener("click", kept, true);
  document.addEventListener("submit", kept, true);

  var hooks = (window.__reflex_otel = window.__reflex_otel || {});
  var before = hooks.onSocketConnect;
  function onConnect() {
    backAgain();
    if (typeof before === "function") return before.apply(this, arguments);
  }
  hooks.onSocketConnect = onConnect;
  // A socket the server closed (a restart) or lost: the notice at once, not at the next failed try.
  var beforeDown = hooks.onSocketDisconnect;
  hooks.onSocketDisconnect = function (reason) {
    if (reason !== "io client disconnect") {
      down = true;
      show();
    }
    // Reflex does not try again after the server closed the socket (a restart or deploy): its own
    // visibility check does, and then keeps trying until the server is back.
    if (reason === "io server disconnect") {
      setTimeout(function () {
        document.dispatchEvent(new Event("visibilitychange"));
      }, 1000);
    }
    if (typeof beforeDown === "function") return beforeDown.apply(this, arguments);
  };

  show();

  if ("serviceWorker" in navigator && window.isSecureContext) {
    var register = function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }

  // The offline page: only the visitor's language, and back to the page once the connection is.
  function offlinePage() {
    var found = document.cookie.match(/(?:^|;\s*)taal=([^;]*)/);
    var lang = found && decodeURIComponent(found[1]).replace(/"/g, "") === "en" ? "en" : "nl";
    root.lang = lang;
    if (lang === "en") document.title = "No connection - Mantelzorghub";
    var parts = document.querySelectorAll("[data-lang]");
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].getAttribute("data-lang") !== lang;
    window.addEventListener("online", function () {
      window.location.reload();
    });
  }
})();
