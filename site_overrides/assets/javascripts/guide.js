/* Calf Pain Guide: window.calfGuide, the one namespace the feature scripts share. It holds the storage helpers (this
   browser only: localStorage, never sent anywhere) and the parts the scripts provide to each other by name (provide,
   part), so no script adds a global of its own. Loaded before the scripts that use it: the plan store and buttons
   (plan.js), My plan's page, the pain diary, the programme stages and the session player. */
(function () {
  "use strict";
  if (window.calfGuide) { return; } // loaded twice: keep the first namespace and the parts shared through it
  var CARD_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // the card_id pattern of content/schemas/exercise.schema.json
  var CARD_ID_MAX = 100;

  function warn(what, error) {
    if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: " + what + " is off.", error); }
  }
  function guard(name, feature) {
    try { feature(); } catch (error) { warn(name, error); }
  }
  function storage() {
    try { return window.localStorage; } catch { return null; } // blocked storage throws on access
  }
  function forget(key) {
    try { storage().removeItem(key); } catch { /* storage off: nothing to reset */ }
  }
  /* The stored value: undefined when there is none, null when it is too long or not JSON (the caller resets it). */
  function readJSON(key, maxChars) {
    var store = storage();
    var raw;
    try { raw = store && store.getItem(key); } catch { return undefined; }
    if (raw === null || raw === undefined) { return undefined; }
    try { return raw.length <= maxChars ? JSON.parse(raw) : null; } catch { return null; }
  }
  /* True when the browser kept it; with storage off the value lasts this page only. */
  function save(key, value) {
    try { storage().setItem(key, JSON.stringify(value)); return true; } catch { return false; }
  }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isCardId(id) { return typeof id === "string" && id.length <= CARD_ID_MAX && CARD_ID.test(id); }

  /* The parts the page scripts share, by name: each is frozen, and the first script to provide a name keeps it. */
  var parts = Object.create(null);
  function provide(name, value) {
    if (!own(parts, name)) { parts[name] = Object.freeze(value); }
  }
  function part(name) { return own(parts, name) ? parts[name] : null; }

  window.calfGuide = Object.freeze({
    warn: warn, guard: guard, forget: forget, readJSON: readJSON, save: save, own: own, isCardId: isCardId,
    provide: provide, part: part
  });
})();
