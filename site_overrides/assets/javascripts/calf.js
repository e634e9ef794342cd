/* Calf Pain Guide behaviour: library filters, "My plan" (kept in this browser only), and the symptom checker.
   Everything degrades: without JavaScript the full lists and static pages still work. Nothing is sent anywhere. */
(function () {
  "use strict";
  var PLAN_KEY = "calf-guide-plan";

  function readPlan() {
    try { return JSON.parse(window.localStorage.getItem(PLAN_KEY)) || []; } catch (e) { return []; }
  }
  function writePlan(plan) {
    try { window.localStorage.setItem(PLAN_KEY, JSON.stringify(plan)); } catch (e) { /* storage off: plan lasts this page only */ }
  }

  function setupPlanButtons() {
    var plan = readPlan();
    document.querySelectorAll("[data-plan-add]").forEach(function (button) {
      var id = button.getAttribute("data-plan-add");
      // A toggle button: the label stays "Add to my plan"; aria-pressed and a tick show that it is in the plan.
      function show(inPlan) { button.setAttribute("aria-pressed", inPlan ? "true" : "false"); }
      show(plan.indexOf(id) !== -1);
      button.hidden = false;
      button.addEventListener("click", function () {
        var current = readPlan();
        var at = current.indexOf(id);
        if (at === -1) { current.push(id); } else { current.splice(at, 1); }
        writePlan(current);
        show(at === -1);
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
    var list = root.querySelector("[data-plan-list]");
    var empty = root.querySelector("[data-plan-empty]");
    root.querySelector("[data-plan-js]").hidden = false;
    root.querySelector("[data-plan-nojs]").hidden = true;
    function draw() {
      list.innerHTML = "";
      var plan = readPlan();
      var shown = 0;
      plan.forEach(function (id) {
        var card = source.querySelector('[data-card="' + id + '"]');
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
    setupGlossaryFocus();
    setupKeyToggles();
    setupPlanButtons();
    setupFilters();
    setupPlanPage();
    setupTriage();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
