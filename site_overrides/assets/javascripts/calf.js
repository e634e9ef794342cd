/* Calf Pain Guide behaviour: library filters and grouping, keyboard
   toggles, glossary focus and the symptom checker. My plan and its buttons are in plan.js.
   Everything degrades: without JavaScript the full lists and static pages still work. Nothing is sent anywhere. */
(function () {
  "use strict";

  function warn(what, error) {
    if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: " + what + " is off.", error); }
  }
  /* Start each feature on its own: one that fails is switched off with a warning, the others still start. */
  function guard(name, feature) {
    try { feature(); } catch (error) { warn(name, error); }
  }

  /* The library: calf.css already hides the rows that do not match (that works without JavaScript). Here: the
     count of matches, empty groups hidden, and a choice of grouping, each card still listed once. */
  function setupFilters() {
    var root = document.querySelector("[data-calf-library]");
    if (!root) { return; }
    var form = root.querySelector("form");
    var extras = root.querySelector("[data-calf-filters]");
    var count = extras.querySelector(".calf-filters__count");
    var groupSelect = extras.querySelector("[data-calf-group]");
    var holder = root.querySelector("[data-calf-groups]");
    var rows = Array.prototype.slice.call(root.querySelectorAll(".calf-row[data-card]"));
    extras.hidden = false;
    var nojs = root.querySelector("[data-calf-nojs]");
    if (nojs) { nojs.hidden = true; }
    function names(kind) {
      var found = Object.create(null);
      var order = [];
      var template = root.querySelector('template[data-calf-group-names="' + kind + '"]');
      template.content.querySelectorAll("[data-value]").forEach(function (el) {
        found[el.getAttribute("data-value")] = el.textContent;
        order.push(el.getAttribute("data-value"));
      });
      return { label: found, order: order };
    }
    function group() {
      var kind = groupSelect.value;
      holder.textContent = "";
      if (kind !== "phase" && kind !== "target") {
        var list = document.createElement("ul");
        list.className = "calf-lib";
        rows.forEach(function (row) { list.appendChild(row); });
        holder.appendChild(list);
        return;
      }
      var known = names(kind);
      known.order.forEach(function (value) {
        var members = rows.filter(function (row) { return row.getAttribute("data-group-" + kind) === value; });
        if (!members.length) { return; }
        var section = document.createElement("section");
        section.setAttribute("data-group", "");
        var title = document.createElement("h2");
        title.className = "calf-library__group-title";
        title.textContent = known.label[value];
        var list = document.createElement("ul");
        list.className = "calf-lib";
        members.forEach(function (row) { list.appendChild(row); });
        section.appendChild(title);
        section.appendChild(list);
        holder.appendChild(section);
      });
    }
    function apply() {
      var wanted = {};
      form.querySelectorAll("select:not([data-calf-group])").forEach(function (s) { if (s.value) { wanted[s.name] = s.value; } });
      var n = 0;
      rows.forEach(function (el) {
        var ok = Object.keys(wanted).every(function (k) {
          return (el.getAttribute("data-" + k) || "").split(" ").indexOf(wanted[k]) !== -1;
        });
        el.hidden = !ok;
        if (ok) { n += 1; }
      });
      holder.querySelectorAll("[data-group]").forEach(function (g) {
        g.hidden = !g.querySelector(".calf-row[data-card]:not([hidden])");
      });
      count.textContent = n === 0 ? "No exercise matches. Set one of the filters back to Any." :
        n + (n === 1 ? " exercise matches." : " exercises match.");
    }
    form.addEventListener("change", function (event) {
      if (event.target === groupSelect) { group(); }
      apply();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (groupSelect.value) { group(); }
    apply();
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

  /* Glossary terms: the first use of each term on a page is reachable by keyboard, so its definition shows on focus
     as well as on hover (the tooltip pattern of the WAI-ARIA authoring practices: the tooltip belongs to a focusable
     element). Later uses of the same term are not tab stops again: a page that uses "DVT" ten times has one. */
  function setupGlossaryFocus() {
    var seen = {};
    document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
      var term = abbr.textContent.trim().toLowerCase();
      if (seen[term] || abbr.hasAttribute("tabindex")) { return; }
      seen[term] = true;
      abbr.setAttribute("tabindex", "0");
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
    guard("library filters", setupFilters);
    guard("symptom checker", setupTriage);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
