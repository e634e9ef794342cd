{#- Written as sw.js by the live-preview hook (macros/pipeline/hooks.py) under `mkdocs serve` only. -#}
/* Calf Pain Guide, live preview: no offline copy here. This worker takes over at once, deletes every cache (a built
   site served earlier on this address may have left one) and removes itself, so a preview always shows the saved files. */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.map((key) => caches.delete(key))))
      .then(() => self.registration.unregister()),
  );
});
