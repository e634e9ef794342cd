/* Calf Pain Guide behaviour: library filters, "My plan" (kept in this browser only), and the symptom checker.
   Everything degrades: without JavaScript the full lists and static pages still work. Nothing is sent anywhere. */
/* Symptom checker: one question at a time. Answers live only in this page's memory. */
window.calfTriage = function () {
  "use strict";
  var root = document.querySelector("[data-calf-triage]");
  if (!root) { return; }
  var start = root.getAttribute("data-start");
  var status = root.querySelector("[data-triage-status]");
  var controls = root.querySelector("[data-triage-controls]");
  var back = root.querySelector("[data-triage-back]");
  var history = [];
  root.classList.add("calf-triage--js");
  controls.hidden = false;

  function node(id) { return root.querySelector('[id="' + id + '"].calf-triage__node'); }
  function show(id, announce) {
    var target = node(id);
    if (!target) { return; }
    root.querySelectorAll(".calf-triage__node.is-current").forEach(function (n) { n.classList.remove("is-current"); });
    target.classList.add("is-current");
    back.disabled = history.length === 0;
    var heading = target.querySelector("h2");
    if (announce) {
      heading.focus();
      var outcome = target.getAttribute("data-triage-outcome");
      status.textContent = outcome ? "Result: " + heading.textContent.replace(/^Result: /, "") : "";
    }
  }
  root.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-next], a[data-restart]");
    if (!link) { return; }
    event.preventDefault();
    var current = root.querySelector(".calf-triage__node.is-current");
    if (link.hasAttribute("data-restart")) { history = []; show(start, true); return; }
    history.push(current.id);
    show(link.getAttribute("data-next"), true);
  });
  back.addEventListener("click", function () { if (history.length) { show(history.pop(), true); } });
  root.querySelector("[data-triage-restart]").addEventListener("click", function () { history = []; show(start, true); });
  show(start, false);
};

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

  function start() {
    setupGlossaryFocus();
    setupKeyToggles();
    setupPlanButtons();
    setupFilters();
    setupPlanPage();
    if (window.calfTriage) { window.calfTriage(); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
