/* Calf Pain Guide behaviour: library filters, "My plan" (kept in this browser only), and the symptom checker.
   Everything degrades: without JavaScript the full lists and static pages still work. Nothing is sent anywhere. */
(function () {
  "use strict";
  var PLAN_KEY = "calf-guide-plan";
  /* Stored data is never trusted: another script, an old version or a hand edit may have written anything. */
  var PLAN_MAX_ITEMS = 200;
  var PLAN_MAX_CHARS = 20000;
  var CARD_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // the card_id pattern of content/schemas/exercise.schema.json
  var CARD_ID_MAX = 100;

  function warn(what, error) {
    if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: " + what + " is off.", error); }
  }
  /* Start each feature on its own: one that fails is switched off with a warning, the others still start. */
  function guard(name, feature) {
    try { feature(); } catch (error) { warn(name, error); }
  }
  function storage() {
    try { return window.localStorage; } catch { return null; } // blocked storage throws on access
  }
  function forget() {
    try { storage().removeItem(PLAN_KEY); } catch { /* storage off: nothing to reset */ }
  }

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
    var store = storage();
    var raw;
    try { raw = store && store.getItem(PLAN_KEY); } catch { return []; }
    if (raw === null || raw === undefined) { return []; }
    var data;
    try { data = raw.length <= PLAN_MAX_CHARS ? JSON.parse(raw) : null; } catch { data = null; }
    if (!Array.isArray(data) || data.length > PLAN_MAX_ITEMS) { forget(); return []; }
    var known = catalogue();
    var seen = Object.create(null);
    var plan = data.filter(function (id) {
      var ok = typeof id === "string" && id.length <= CARD_ID_MAX && CARD_ID.test(id) && !seen[id] &&
        (!known || known[id] === true);
      if (ok) { seen[id] = true; }
      return ok;
    });
    if (plan.length !== data.length) {
      if (plan.length) { writePlan(plan); } else { forget(); }
    }
    return plan;
  }
  function writePlan(plan) {
    try { storage().setItem(PLAN_KEY, JSON.stringify(plan)); } catch { /* storage off: plan lasts this page only */ }
  }

  function setupPlanButtons() {
    var plan = readPlan();
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-plan-add]"));
    // A toggle button: the label stays "Add to my plan"; aria-pressed and a tick show that it is in the plan.
    // A card listed twice on a page (by phase and by target) has two buttons: both show the same state.
    function show(id, inPlan) {
      buttons.forEach(function (button) {
        if (button.getAttribute("data-plan-add") === id) { button.setAttribute("aria-pressed", inPlan ? "true" : "false"); }
      });
    }
    buttons.forEach(function (button) {
      var id = button.getAttribute("data-plan-add");
      button.setAttribute("aria-pressed", plan.indexOf(id) !== -1 ? "true" : "false");
      button.hidden = false;
      button.addEventListener("click", function () {
        var current = readPlan();
        var at = current.indexOf(id);
        if (at === -1) { current.push(id); } else { current.splice(at, 1); }
        writePlan(current);
        show(id, at === -1);
      });
    });
  }

  function setupFilters() {
    var form = document.querySelector("[data-calf-filters]");
    if (!form) { return; }
    form.hidden = false;
    var count = form.querySelector(".calf-filters__count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (s) { if (s.value) { wanted[s.name] = s.value; } });
      var shown = {};
      document.querySelectorAll(".calf-exercise[data-card]").forEach(function (el) {
        var ok = Object.keys(wanted).every(function (k) {
          return (el.getAttribute("data-" + k) || "").split(" ").indexOf(wanted[k]) !== -1;
        });
        el.hidden = !ok;
        if (ok) { shown[el.getAttribute("data-card")] = true; }
      });
      document.querySelectorAll("[data-group]").forEach(function (g) {
        g.hidden = !g.querySelector(".calf-exercise[data-card]:not([hidden])");
      });
      var n = Object.keys(shown).length;
      count.textContent = n + (n === 1 ? " exercise matches." : " exercises match.");
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  function setupPlanPage() {
    var root = document.querySelector("[data-calf-plan]");
    if (!root) { return; }
    var source = root.querySelector("template[data-plan-cards]").content;
    // Cards by id, looked up in a map: no selector is ever built from stored data.
    var cards = Object.create(null);
    source.querySelectorAll("[data-card]").forEach(function (el) { cards[el.getAttribute("data-card")] = el; });
    var list = root.querySelector("[data-plan-list]");
    var empty = root.querySelector("[data-plan-empty]");
    root.querySelector("[data-plan-js]").hidden = false;
    root.querySelector("[data-plan-nojs]").hidden = true;
    function draw() {
      list.innerHTML = "";
      var plan = readPlan();
      var shown = 0;
      plan.forEach(function (id) {
        var card = cards[id];
        if (!card) { return; }
        var item = card.cloneNode(true);
        var name = item.querySelector("a").textContent;
        item.removeAttribute("hidden");
        var old = item.querySelector("[data-plan-add]");
        if (old) { old.parentNode.removeChild(old); }
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "md-button calf-plan-remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", "Remove " + name + " from my plan");
        remove.addEventListener("click", function () {
          writePlan(readPlan().filter(function (x) { return x !== id; }));
          draw();
          list.focus();
        });
        item.appendChild(remove);
        list.appendChild(item);
        shown += 1;
      });
      empty.hidden = shown > 0;
    }
    root.querySelector("[data-plan-print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-plan-clear]").addEventListener("click", function () { writePlan([]); draw(); });
    draw();
  }

  /* The theme's menu and search buttons are labels: open them from the keyboard too, and close the menu with Escape. */
  function setupKeyToggles() {
    document.querySelectorAll("[data-calf-key-toggle]").forEach(function (label) {
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          // Act once, like a mouse click on the label; stop the theme's own Enter handler toggling it back.
          event.preventDefault();
          event.stopPropagation();
          label.click();
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      var drawer = document.getElementById("__drawer");
      if (event.key === "Escape" && drawer && drawer.checked) {
        drawer.click();
        var opener = document.querySelector('label[for="__drawer"][data-calf-key-toggle]');
        if (opener) { opener.focus(); }
      }
    });
  }

  /* Glossary terms: reachable by keyboard, so the definition shows on focus as well as on hover. */
  function setupGlossaryFocus() {
    document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
      if (!abbr.hasAttribute("tabindex")) { abbr.setAttribute("tabindex", "0"); }
    });
  }

  /* Symptom checker: one question at a time. Answers live only in this page's memory and its address (#node).
     It only follows the answer links of the static page, so it reaches the same results as the page without
     JavaScript. The browser's Back button steps back through the questions. */
  function setupTriage() {
    var root = document.querySelector("[data-calf-triage]");
    if (!root) { return; }
    var start = root.getAttribute("data-start");
    var status = root.querySelector("[data-triage-status]");
    var controls = root.querySelector("[data-triage-controls]");
    var back = root.querySelector("[data-triage-back]");
    var nodes = {};
    root.querySelectorAll("[data-triage-node], [data-triage-outcome]").forEach(function (el) { nodes[el.id] = el; });
    root.classList.add("calf-triage--js");
    controls.hidden = false;

    function fromHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      return Object.prototype.hasOwnProperty.call(nodes, id) ? id : null;
    }
    function show(id, announce) {
      var target = nodes[id];
      if (!target) { return; }
      Object.keys(nodes).forEach(function (key) { nodes[key].classList.remove("is-current"); });
      target.classList.add("is-current");
      back.hidden = id === start;
      var heading = target.querySelector("h2");
      if (announce) {
        heading.focus();
        status.textContent = target.hasAttribute("data-triage-outcome") ? heading.textContent : "";
      }
    }
    function go(id) {
      window.history.pushState({ calfTriage: id }, "", "#" + id);
      show(id, true);
    }
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-next], a[data-restart]");
      if (!link) { return; }
      event.preventDefault();
      go(link.hasAttribute("data-restart") ? start : link.getAttribute("data-next"));
    });
    back.addEventListener("click", function () { window.history.back(); });
    root.querySelector("[data-triage-restart]").addEventListener("click", function () { go(start); });
    window.addEventListener("popstate", function () { show(fromHash() || start, true); });
    var first = fromHash();
    show(first || start, Boolean(first));
  }

  function start() {
    guard("glossary focus", setupGlossaryFocus);
    guard("keyboard toggles", setupKeyToggles);
    guard("plan buttons", setupPlanButtons);
    guard("library filters", setupFilters);
    guard("My plan", setupPlanPage);
    guard("symptom checker", setupTriage);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
