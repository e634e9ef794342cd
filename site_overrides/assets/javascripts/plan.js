/* Calf Pain Guide: the "My plan" store (this browser only), the plan buttons, and window.calfPlan, the one namespace. */
/* The plan buttons are on cards and in the library. The store is shared as one frozen namespace, window.calfPlan, with
   the My plan page's scripts (plan-dose.js, plan-link.js, plan-share.js, then my-plan.js), the pain diary's
   (diary-store.js, diary-chart.js, then pain-diary.js) and the programme stages' (programme-stage.js); they share
   their own parts through it (provide, part), never as globals. Stored data is never trusted: it is validated, capped and shown as text, never as HTML. */
(function () {
  "use strict";
  if (window.calfPlan) { return; } // loaded twice: keep the first store and the parts shared through it
  var PLAN_KEY = "calf-guide-plan"; // a list of card ids, in order
  var PLAN_MAX_ITEMS = 200;
  var PLAN_MAX_CHARS = 20000;
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

  /* Every card id, when this page holds the whole catalogue (the My plan template); otherwise null. */
  function catalogue() {
    var template = document.querySelector("template[data-plan-cards]");
    if (!template) { return null; }
    var known = Object.create(null);
    template.content.querySelectorAll("[data-card]").forEach(function (el) { known[el.getAttribute("data-card")] = true; });
    return known;
  }

  /* The stored plan, cleaned: a list of distinct card ids. Anything else is reset quietly, never thrown.
     An id must look like a card id everywhere; on a page with the whole catalogue it must also be a real card. */
  function readPlan() {
    var data = readJSON(PLAN_KEY, PLAN_MAX_CHARS);
    if (data === undefined) { return []; }
    if (!Array.isArray(data) || data.length > PLAN_MAX_ITEMS) { forget(PLAN_KEY); return []; }
    var known = catalogue();
    var seen = Object.create(null);
    var plan = data.filter(function (id) {
      var ok = isCardId(id) && !seen[id] && (!known || known[id] === true);
      if (ok) { seen[id] = true; }
      return ok;
    });
    if (plan.length !== data.length) {
      if (plan.length) { writePlan(plan); } else { forget(PLAN_KEY); }
    }
    return plan;
  }
  function writePlan(plan) { save(PLAN_KEY, plan); }

  /* The plan buttons: a toggle that reads "Add to my plan", then "✓ In my plan" once added (aria-pressed says the
     same to screen readers, and a status line announces the change). A card listed twice on a page has two
     buttons: both show the same state. */
  function setupPlanButtons() {
    var plan = readPlan();
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-plan-add]"));
    if (!buttons.length) { return; }
    var status = document.createElement("p");
    status.className = "calf-visually-hidden";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    function label(button, inPlan) {
      var name = button.getAttribute("data-plan-name") || "";
      button.setAttribute("aria-pressed", inPlan ? "true" : "false");
      button.textContent = inPlan ? "✓ In my plan" : "Add to my plan";
      button.setAttribute("aria-label", (inPlan ? "✓ In my plan" : "Add to my plan") + (name ? ": " + name : ""));
    }
    function show(id, inPlan) {
      buttons.forEach(function (button) {
        if (button.getAttribute("data-plan-add") === id) { label(button, inPlan); }
      });
    }
    buttons.forEach(function (button) {
      var id = button.getAttribute("data-plan-add");
      if (!button.hasAttribute("data-plan-name")) { // older markup names the card only in its label
        var named = (button.getAttribute("aria-label") || "").split(": ");
        if (named.length > 1) { button.setAttribute("data-plan-name", named.slice(1).join(": ")); }
      }
      label(button, plan.indexOf(id) !== -1);
      button.hidden = false;
      button.addEventListener("click", function () {
        var current = readPlan();
        var at = current.indexOf(id);
        if (at === -1) { current.push(id); } else { current.splice(at, 1); }
        writePlan(current);
        show(id, at === -1);
        var name = button.getAttribute("data-plan-name") || "This exercise";
        status.textContent = name + (at === -1 ? " is now in your plan." : " is no longer in your plan.");
      });
    });
  }

  /* The parts the page scripts share, by name: each is frozen, and the first script to provide a name keeps it. */
  var parts = Object.create(null);
  function provide(name, value) {
    if (!own(parts, name)) { parts[name] = Object.freeze(value); }
  }
  function part(name) { return own(parts, name) ? parts[name] : null; }

  window.calfPlan = Object.freeze({
    warn: warn, guard: guard, forget: forget, readJSON: readJSON, save: save, own: own, isCardId: isCardId,
    catalogue: catalogue, readPlan: readPlan, writePlan: writePlan, maxChars: PLAN_MAX_CHARS,
    provide: provide, part: part
  });
  function start() { guard("plan buttons", setupPlanButtons); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
