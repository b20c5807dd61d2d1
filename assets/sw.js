// The service worker: when a page cannot load for want of a connection, the app's own calm page
// (/offline.html, Dutch and English) instead of the browser's.
//
// It keeps only static files that hold nothing personal: the offline page and what it needs.
// Pages always come from the network (navigation preload makes that no slower); their HTML, the
// event socket (/_event), uploads and every other request are never cached or even looked at.
// VERSION follows offline.html's content (tests/unit/test_offline.py checks it), so a changed page
// installs a new worker, which drops the old cache.
var VERSION = "mz-offline-24c410aa";
var OFFLINE = "/offline.html";
var KEPT = [OFFLINE, "/app.css", "/offline.js", "/icons/icon.svg"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(VERSION)
      .then(function (cache) {
        return cache.addAll(KEPT);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name !== VERSION;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        if (self.registration.navigationPreload) return self.registration.navigationPreload.enable();
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Network first, always; our page only when the network gives no answer at all.
    event.respondWith(
      Promise.resolve(event.preloadResponse)
        .then(function (preloaded) {
          return preloaded || fetch(request);
        })
        .catch(function () {
          return caches.match(OFFLINE).then(function (page) {
            return page || Response.error();
          });
        })
    );
    return;
  }

  if (KEPT.indexOf(url.pathname) >= 0 && !url.search) {
    // The offline page's own files: fresh from the network when it answers (and kept fresh).
    event.respondWith(
      fetch(request)
        .then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(VERSION).then(function (cache) {
              cache.put(url.pathname, copy);
            });
          }
          return response;
        })
        .catch(function () {
          return caches.match(url.pathname).then(function (kept) {
            return kept || Response.error();
          });
        })
    );
  }
});
