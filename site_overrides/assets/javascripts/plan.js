/* Calf Pain Guide: the "My plan" store (this browser only) and the plan buttons on cards and in the library. */
/* The store is shared as the part "plan" of window.calfGuide (guide.js, loaded before it) with My plan's page
   (my-plan.js, session-week.js) and the session player. Stored data is never trusted: it is validated, capped and
   shown as text, never as HTML. */
(function () {
  "use strict";
  var guide = window.calfGuide;
  if (!guide || guide.part("plan")) { return; } // no namespace, or loaded twice: keep the first store
  var forget = guide.forget, readJSON = guide.readJSON, save = guide.save, isCardId = guide.isCardId;
  var PLAN_KEY = "calf-guide-plan"; // a list of card ids, in order
  var PLAN_MAX_ITEMS = 200;
  var PLAN_MAX_CHARS = 20000;

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

  guide.provide("plan", { catalogue: catalogue, readPlan: readPlan, writePlan: writePlan, maxChars: PLAN_MAX_CHARS });
  function start() { guide.guard("plan buttons", setupPlanButtons); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
