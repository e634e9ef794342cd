/* The offline copy: registers the service worker that macros/pipeline/offline.py generates, offers a reload when a new
   version is waiting, shows the copy's date when it is over 30 days old and cannot be checked, and runs the About
   page's button that removes it. Over http(s) only: from file:// the guide already works and this does nothing. */
(function () {
  "use strict";

  var STALE_DAYS = 30;
  var DAY_MS = 24 * 60 * 60 * 1000;
  var OFF_KEY = "calf-guide-offline"; // "off": the reader removed the copy; not registered again until they ask
  var container = navigator.serviceWorker;
  var script = document.currentScript;
  if (!container || location.protocol === "file:" || !script) { return; }
  // This file is assets/javascripts/offline.js under the site's root, which may be a sub-path (/calf-pain-guide/).
  var root = new URL("../../", script.src);
  var workerUrl = new URL("sw.js", root).href;
  var reloading = false;

  /* The web app manifest, linked here and not in the HTML: from file:// Chromium cannot fetch it and logs an error. */
  var manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = new URL("manifest.webmanifest", root).href;
  document.head.appendChild(manifest);

  function chosenOff() {
    try { return window.localStorage.getItem(OFF_KEY) === "off"; } catch { return false; }
  }
  function choose(off) {
    try {
      if (off) { window.localStorage.setItem(OFF_KEY, "off"); } else { window.localStorage.removeItem(OFF_KEY); }
    } catch { /* storage blocked: the choice lasts for this page only */ }
  }

  /* A new version is installed and waiting: the reader decides when to reload, so nothing changes mid-page. */
  function offerUpdate(worker) {
    var notice = document.querySelector("[data-calf-update]");
    if (!notice) { return; }
    notice.hidden = false;
    notice.querySelector("[data-calf-update-reload]").addEventListener("click", function () {
      reloading = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    });
  }
  container.addEventListener("controllerchange", function () {
    if (reloading) { window.location.reload(); }
  });

  function watch(registration) {
    if (registration.waiting && container.controller) { offerUpdate(registration.waiting); }
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        // The first install has no controller yet: that is the copy being made, not an update.
        if (worker.state === "installed" && container.controller) { offerUpdate(worker); }
      });
    });
  }

  /* A copy over 30 days old (edition.json, precached with it): if the site cannot be reached to check for a newer
     one, say how old it is. */
  function checkAge(registration) {
    if (!container.controller) { return; }
    fetch(new URL("edition.json", root).href).then(function (response) { return response.json(); })
      .then(function (edition) {
        var built = new Date(edition.built + "T00:00:00Z");
        if (isNaN(built) || Date.now() - built.getTime() <= STALE_DAYS * DAY_MS) { return; }
        // Reached: the copy is current, or the new version is offered (offerUpdate). Not reached: say its date.
        registration.update().catch(function () { showStale(built); });
      }).catch(function () { /* no edition file: nothing to say */ });
  }
  function showStale(built) {
    var banner = document.querySelector("[data-calf-stale]");
    if (!banner) { return; }
    // A <time> made here: an empty one in the page would not be valid HTML.
    var date = document.createElement("time");
    date.setAttribute("datetime", built.toISOString().slice(0, 10));
    date.textContent = built.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    banner.querySelector("[data-calf-stale-date]").replaceChildren(date);
    banner.hidden = false;
  }

  function register() {
    return container.register(workerUrl, { scope: root.href }).then(function (registration) {
      watch(registration);
      checkAge(registration);
      return registration;
    });
  }

  /* The About page: remove the copy (unregister, delete its caches, and remember the choice), or keep one again. */
  function removeCopy() {
    choose(true);
    return container.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.filter(function (registration) {
        return registration.scope === root.href;
      }).map(function (registration) { return registration.unregister(); }));
    }).then(function () { return window.caches.keys(); }).then(function (keys) {
      return Promise.all(keys.map(function (key) { return window.caches.delete(key); }));
    });
  }
  function setupAbout(kept) {
    var box = document.querySelector("[data-calf-offline-copy]");
    if (!box) { return; }
    var status = box.querySelector("[data-calf-offline-status]");
    function show(isKept) {
      box.querySelector("[data-calf-offline-kept]").hidden = !isKept;
      box.querySelector("[data-calf-offline-none]").hidden = isKept;
      box.querySelector("[data-calf-offline-remove]").hidden = !isKept;
      box.querySelector("[data-calf-offline-keep]").hidden = isKept;
    }
    box.querySelector("[data-calf-offline-remove]").addEventListener("click", function () {
      removeCopy().then(function () {
        show(false);
        status.textContent = "The offline copy is removed. This browser will not save it again unless you ask.";
      }, function () { status.textContent = "The copy could not be removed. Clear this site's data in your browser."; });
    });
    box.querySelector("[data-calf-offline-keep]").addEventListener("click", function () {
      choose(false);
      register().then(function () {
        show(true);
        status.textContent = "Saving an offline copy of the guide.";
      }, function () { status.textContent = "This browser could not save an offline copy."; });
    });
    show(kept);
    box.hidden = false;
  }

  var off = chosenOff();
  setupAbout(!off);
  // After the page's load event: the copy's download never competes with the page a reader opened.
  function start() {
    register().catch(function (error) {
      if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: offline copy is off.", error); }
    });
  }
  if (off) { return; }
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
}());
