/* Calf Pain Guide: the My plan page: chosen exercises, their log table for print, dose forms, link, QR, reminders. */
/* Uses the plan store of plan.js (the part "plan" of window.calfGuide, guide.js) and the parts plan-dose.js,
   plan-link.js and plan-share.js provide through it, all loaded before it. Stored data and links are never trusted: they are validated, capped and shown as
   text, never as HTML. */
(function () {
  "use strict";
  var store = window.calfGuide;
  if (!store) { return; } // guide.js did not run: the page keeps its no-JavaScript text
  var planPart = store.part("plan");
  var dosePart = store.part("dose"), linkPart = store.part("link"), sharePart = store.part("share");
  if (!planPart || !dosePart || !linkPart || !sharePart) { // a part did not load: the page keeps its no-JavaScript text
    store.warn("My plan", new Error("a part of the page's code did not load"));
    return;
  }
  var guard = store.guard, own = store.own;
  var catalogue = planPart.catalogue, readPlan = planPart.readPlan, writePlan = planPart.writePlan;
  var FIELDS = dosePart.FIELDS, PERIODS = dosePart.PERIODS, NOTE_MAX = dosePart.NOTE_MAX;
  var cleanDose = dosePart.cleanDose, readDoses = dosePart.readDoses, writeDoses = dosePart.writeDoses;
  var defaults = dosePart.defaults, merged = dosePart.merged, plural = dosePart.plural, doseWords = dosePart.doseWords;
  var encodeLink = linkPart.encodeLink, decodeLink = linkPart.decodeLink;
  var drawQr = sharePart.drawQr, makeIcs = sharePart.makeIcs;

  /* ---- The My plan page ---- */
  function setupPlanPage() {
    var root = document.querySelector("[data-calf-plan]");
    if (!root) { return; }
    var source = root.querySelector("template[data-plan-cards]").content;
    // Cards by id, looked up in a map: no selector is ever built from stored data or a link.
    var cards = Object.create(null);
    source.querySelectorAll("[data-card]").forEach(function (el) { cards[el.getAttribute("data-card")] = el; });
    var known = catalogue();
    var list = root.querySelector("[data-plan-list]");
    var empty = root.querySelector("[data-plan-empty]");
    var hasItems = root.querySelector("[data-plan-has-items]");
    var sessionPlan = root.querySelector("[data-session-plan]"); // "Start today's session", for a plan with exercises
    var status = root.querySelector("[data-plan-status]");
    var logRows = root.querySelector("[data-plan-log-rows]");
    var doseHolder = root.querySelector("[data-plan-doses]");
    var linkBox = root.querySelector("[data-plan-link]");
    var qrHolder = root.querySelector("[data-plan-qr]");
    root.querySelector("[data-plan-js]").hidden = false;
    root.querySelector("[data-plan-nojs]").hidden = true;

    function el(tag, text, className) {
      var node = document.createElement(tag);
      if (text !== undefined) { node.textContent = text; }
      if (className) { node.className = className; }
      return node;
    }
    function refreshLink(plan, doses) {
      var link = encodeLink(plan, doses);
      linkBox.value = link;
      root.querySelector("[data-plan-link-text]").textContent = link;
      drawQr(qrHolder, link);
    }
    function numberField(id, key, value, name) {
      var field = FIELDS[key];
      var label = el("label", field.label);
      var input = el("input");
      input.type = "number";
      input.min = String(field.min);
      input.max = String(field.max);
      input.step = "1";
      input.value = String(value);
      input.setAttribute("data-dose-field", key);
      input.setAttribute("aria-label", field.label + ", " + name);
      label.appendChild(input);
      return label;
    }
    function doseForm(id, card, dose) {
      var name = card.getAttribute("data-name");
      var set = el("fieldset", undefined, "calf-plan__dose");
      set.appendChild(el("legend", name));
      var d = merged(card, dose);
      ["s", "r", "h", "t"].forEach(function (key) {
        if (own(d, key)) { set.appendChild(numberField(id, key, d[key], name)); }
      });
      var per = el("label", "Per");
      var select = el("select");
      select.setAttribute("data-dose-field", "p");
      select.setAttribute("aria-label", "Per, " + name);
      PERIODS.forEach(function (p) {
        var option = el("option", p);
        option.value = p;
        option.selected = d.p === p;
        select.appendChild(option);
      });
      per.appendChild(select);
      set.appendChild(per);
      var note = el("label", "Note (at most " + NOTE_MAX + " characters)", "calf-plan__note-field");
      var area = el("textarea");
      area.rows = 2;
      area.maxLength = NOTE_MAX;
      area.value = dose && dose.n ? dose.n : "";
      area.setAttribute("data-dose-field", "n");
      area.setAttribute("aria-label", "Note, " + name);
      note.appendChild(area);
      set.appendChild(note);
      set.addEventListener("change", function () {
        var change = {};
        var base = defaults(card);
        var problems = [];
        set.querySelectorAll("[data-dose-field]").forEach(function (input) {
          var key = input.getAttribute("data-dose-field");
          var value = key === "p" || key === "n" ? input.value : Number(input.value);
          if (key === "n" ? value.trim() : value !== base[key]) { change[key] = value; }
        });
        var clean = cleanDose(change, problems);
        if (problems.length) { status.textContent = name + ": " + problems.join(" ") + " That change was not kept."; return; }
        var doses = readDoses(readPlan());
        if (Object.keys(clean).length) { doses[id] = clean; } else { delete doses[id]; }
        writeDoses(doses);
        draw(true);
        status.textContent = "Dose changed for " + name + ". The link and QR code now carry it.";
      });
      return set;
    }
    function draw(keepForms) {
      var plan = readPlan();
      var doses = readDoses(plan);
      list.textContent = "";
      logRows.textContent = "";
      if (!keepForms) { doseHolder.textContent = ""; }
      plan.forEach(function (id) {
        var card = cards[id];
        if (!card) { return; }
        var item = card.cloneNode(true);
        var name = card.getAttribute("data-name");
        var d = merged(card, doses[id]);
        item.querySelector("[data-plan-dose]").textContent = doseWords(card, d);
        if (d.n) {
          item.querySelector("[data-plan-note-text]").textContent = d.n;
          item.querySelector("[data-plan-note]").hidden = false;
        }
        var remove = el("button", "Remove", "md-button calf-plan-remove");
        remove.type = "button";
        remove.setAttribute("aria-label", "Remove " + name + " from my plan");
        remove.addEventListener("click", function () {
          writePlan(readPlan().filter(function (x) { return x !== id; }));
          draw();
          status.textContent = name + " is no longer in your plan.";
          list.focus();
        });
        item.appendChild(remove);
        list.appendChild(item);
        var row = el("tr");
        var head = el("th", name + " (" + plural(d.s, "set") + ")");
        head.scope = "row";
        row.appendChild(head);
        for (var day = 0; day < 7; day += 1) { row.appendChild(el("td", "☐", "calf-plan-log__tick")); }
        logRows.appendChild(row);
        if (!keepForms) { doseHolder.appendChild(doseForm(id, card, doses[id])); }
      });
      empty.hidden = plan.length > 0;
      hasItems.hidden = plan.length === 0;
      if (sessionPlan) { sessionPlan.hidden = plan.length === 0; }
      if (plan.length) { refreshLink(plan, doses); }
    }

    /* A plan from a link: show it as text, offer to save it, never overwrite silently. */
    function showIncoming() {
      var hash = window.location.hash;
      var incoming = root.querySelector("[data-plan-incoming]");
      var error = root.querySelector("[data-plan-link-error]");
      incoming.hidden = true;
      error.hidden = true;
      if (hash.indexOf("#plan=") !== 0) { return; }
      var result = decodeLink(hash, known);
      if (result.error) {
        root.querySelector("[data-plan-link-problem]").textContent = result.error;
        error.hidden = false;
        return;
      }
      var items = root.querySelector("[data-plan-incoming-list]");
      items.textContent = "";
      result.plan.forEach(function (id) {
        var card = cards[id];
        var d = merged(card, result.doses[id]);
        var li = el("li");
        li.appendChild(el("strong", card.getAttribute("data-name")));
        li.appendChild(document.createTextNode(": " + doseWords(card, d)));
        if (d.n) { li.appendChild(document.createTextNode(" Note: " + d.n)); }
        items.appendChild(li);
      });
      var mine = readPlan();
      root.querySelector("[data-plan-incoming-intro]").textContent = "This link holds a plan of " +
        plural(result.plan.length, "exercise") + ". It is not saved yet. Check it, then save it to use it on this device.";
      root.querySelector("[data-plan-incoming-replace]").hidden = mine.length === 0;
      root.querySelector("[data-plan-incoming-replace]").textContent = mine.length ?
        "Saving replaces the plan you have now on this device (" + plural(mine.length, "exercise") + ")." : "";
      incoming.hidden = false;
      incoming.focus();
      var saveButton = root.querySelector("[data-plan-save]");
      var fresh = saveButton.cloneNode(true); // drop the handler of an earlier link
      saveButton.parentNode.replaceChild(fresh, saveButton);
      fresh.addEventListener("click", function () {
        writePlan(result.plan);
        writeDoses(result.doses);
        closeIncoming("The plan from the link is now your plan.");
      });
    }
    function closeIncoming(message) {
      root.querySelector("[data-plan-incoming]").hidden = true;
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      draw();
      status.textContent = message;
      list.focus();
    }
    root.querySelector("[data-plan-dismiss]").addEventListener("click", function () {
      closeIncoming("Your plan has not changed.");
    });
    root.querySelector("[data-plan-print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-plan-clear]").addEventListener("click", function () {
      writePlan([]);
      writeDoses({});
      draw();
      status.textContent = "Your plan is now empty.";
    });
    root.querySelector("[data-plan-copy]").addEventListener("click", function () {
      var copyStatus = root.querySelector("[data-plan-copy-status]");
      function copied() { copyStatus.textContent = "Link copied."; }
      function manual() {
        linkBox.focus();
        linkBox.select();
        copyStatus.textContent = "Copying is blocked here: the link is selected, so copy it with your device's Copy command.";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(linkBox.value).then(copied, manual);
      } else { manual(); }
    });
    root.querySelector("[data-plan-ics]").addEventListener("click", function () {
      var icsStatus = root.querySelector("[data-plan-ics-status]");
      var days = Array.prototype.slice.call(root.querySelectorAll('input[name="plan-day"]:checked')).map(function (b) { return b.value; });
      var time = root.querySelector("[data-plan-time]").value;
      if (!days.length) { icsStatus.textContent = "Pick at least one day."; return; }
      if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time)) { icsStatus.textContent = "Enter a time, such as 18:00."; return; }
      var plan = readPlan();
      var doses = readDoses(plan);
      var lines = plan.filter(function (id) { return cards[id]; }).map(function (id) {
        return { name: cards[id].getAttribute("data-name"), dose: doseWords(cards[id], merged(cards[id], doses[id])) };
      });
      var blob = new Blob([makeIcs(days, time, lines, new Date())], { type: "text/calendar" });
      var url = URL.createObjectURL(blob);
      var a = el("a");
      a.href = url;
      a.download = "calf-exercise-reminders.ics";
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      icsStatus.textContent = "Calendar file made. Open it to add the reminders to your calendar.";
    });
    window.addEventListener("hashchange", showIncoming);
    draw();
    showIncoming();
    if (document.readyState === "loading") { // qrcode-generator is deferred: draw the QR code once it has run
      document.addEventListener("DOMContentLoaded", function () {
        if (linkBox.value && !qrHolder.firstChild) { drawQr(qrHolder, linkBox.value); }
      });
    }
  }

  function start() {
    guard("My plan", setupPlanPage);
  }
  /* The page loads this script right after the plan's container (not deferred), so it fills the page before anything
     below is parsed: nothing below moves when it starts (Lighthouse: layout shift). */
  if (document.readyState !== "loading" || document.querySelector("[data-calf-plan]")) { start(); } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
