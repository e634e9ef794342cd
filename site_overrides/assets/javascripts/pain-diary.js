/* Calf Pain Guide pain diary: the page: the form, saving and removing days, the file export and import, Clear all. */
/* Record only: the reader logs pain during exercise and the next morning (0 to 10) per day; diary-chart.js draws them
   as an SVG chart and a table. Nothing here judges the scores or gives advice from them. Uses the parts diary-store.js
   and diary-chart.js provide through window.calfGuide (guide.js), all loaded before it. */
(function () {
  "use strict";
  var SCORE_TEXT = /^(10|[0-9])$/;

  /* The parts for a running diary, or the no-JavaScript parts (its messages and the blank log to print). The diary's
     sections ([data-calf-diary]) sit between the page's Markdown headings, so look them up in the whole page. */
  function showJs(on) {
    document.querySelectorAll("[data-diary-js]").forEach(function (el) { el.hidden = !on; });
    document.querySelectorAll("[data-diary-nojs], [data-diary-blank]").forEach(function (el) { el.hidden = on; });
  }

  function setup() {
    var root = document.querySelector("[data-calf-diary]");
    if (!root) { return; }
    var calf = window.calfGuide;
    var diary = calf && calf.part("diary-store"), view = calf && calf.part("diary-chart");
    var log = calf && calf.part("session-log"); // the guided sessions, shown, saved and cleared with the diary
    if (!diary || !view || !log) { throw new Error("a part of the diary's code did not load"); }
    var MAX_DAYS = diary.MAX_DAYS, MAX_FILE_BYTES = diary.MAX_FILE_BYTES, NOTE_MAX = diary.NOTE_MAX;
    var realDate = diary.realDate, byDate = diary.byDate, readDiary = diary.readDiary, writeDiary = diary.writeDiary;
    var asFile = diary.asFile, parseFile = diary.parseFile;
    var longDate = view.longDate, todayIso = view.todayIso, drawChart = view.drawChart, drawTable = view.drawTable;
    function part(name) { return document.querySelector("[data-diary-" + name + "]"); }
    var form = part("form");
    var formError = part("form-error");
    var status = part("status");
    var chart = part("chart");
    var chartHolder = part("svg");
    var tableWrap = part("table-wrap");
    var rows = part("rows");
    var sessionsWrap = part("sessions-wrap");
    var empty = part("empty");
    var clear = part("clear");
    var confirmBox = part("confirm");
    var fileInput = part("import");
    var heading = document.getElementById("diary-chart-heading");
    heading.setAttribute("tabindex", "-1");

    showJs(true);
    form.elements.date.value = todayIso();

    function say(text) { status.textContent = text; }
    function draw() {
      var days = readDiary();
      empty.hidden = days.length > 0;
      chart.hidden = tableWrap.hidden = days.length === 0;
      clear.disabled = days.length === 0;
      if (days.length) { drawChart(chartHolder, days); } else { chartHolder.textContent = ""; }
      drawTable(rows, days, remove);
      var sessions = log.readSessions(function () { say("Some saved sessions could not be read, so they were removed."); });
      sessionsWrap.hidden = sessions.length === 0;
      log.drawSessions(part("sessions"), sessions, longDate);
    }
    function save(days, done) {
      if (writeDiary(days)) { say(done); } else { say("Your browser did not let this page store the diary, so nothing was saved."); }
      draw();
    }
    function remove(date) {
      save(readDiary().filter(function (d) { return d.date !== date; }), "Removed " + longDate(date) + ".");
      heading.focus();
    }

    function score(name) {
      var text = form.elements[name].value.trim();
      if (text === "") { return { value: null }; }
      return SCORE_TEXT.test(text) ? { value: Number(text) } : { error: true };
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var date = form.elements.date.value;
      var during = score("during");
      var morning = score("morning");
      var note = form.elements.note.value.trim();
      var problem = null;
      var field = null;
      if (!realDate(date)) { problem = "Enter the date you exercised."; field = "date"; }
      else if (during.error) { problem = "Pain during exercise must be a whole number from 0 to 10."; field = "during"; }
      else if (morning.error) { problem = "Pain the next morning must be a whole number from 0 to 10."; field = "morning"; }
      else if (during.value === null && morning.value === null) { problem = "Enter at least one pain score."; field = "during"; }
      else if (note.length > NOTE_MAX) { problem = "Shorten the note to " + NOTE_MAX + " characters."; field = "note"; }
      ["date", "during", "morning", "note"].forEach(function (name) {
        if (name === field) { form.elements[name].setAttribute("aria-invalid", "true"); } else { form.elements[name].removeAttribute("aria-invalid"); }
      });
      formError.textContent = problem || "";
      formError.hidden = !problem;
      if (problem) { form.elements[field].focus(); return; }
      var days = readDiary().filter(function (d) { return d.date !== date; });
      if (days.length >= MAX_DAYS) { say("The diary holds " + MAX_DAYS + " days at most. Remove some days first."); return; }
      days.push({ date: date, during: during.value, morning: morning.value, note: note });
      days.sort(byDate);
      save(days, "Saved " + longDate(date) + ".");
      form.elements.during.value = "";
      form.elements.morning.value = "";
      form.elements.note.value = "";
    });

    part("export").addEventListener("click", function () {
      var days = readDiary();
      if (!days.length) { say("Your diary is empty, so there is nothing to save."); return; }
      var name = "pain-diary-" + todayIso() + ".json";
      var file = asFile(days);
      var sessions = log.readSessions();
      if (sessions.length) { file.sessions = sessions; }
      var url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say("Saved " + days.length + (days.length === 1 ? " day" : " days") + " to the file " + name + ".");
    });

    part("import-button").addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      if (!file) { return; }
      function reject(why) { say("Nothing was changed: the file " + file.name + " could not be used because " + why); }
      if (file.size > MAX_FILE_BYTES) { reject("it is too large to be a pain diary."); return; }
      file.text().then(function (text) {
        var parsed = parseFile(text);
        if (parsed.error) { reject(parsed.error); return; }
        var added = parsed.sessions === undefined ? { sessions: [] } : log.parseList(parsed.sessions);
        if (added.error) { reject(added.error); return; }
        var merged = Object.create(null);
        readDiary().concat(parsed.days).forEach(function (d) { merged[d.date] = d; });
        var days = Object.keys(merged).map(function (k) { return merged[k]; }).sort(byDate);
        if (days.length > MAX_DAYS) { reject("the diary would hold more than " + MAX_DAYS + " days."); return; }
        var n = parsed.days.length;
        if (added.sessions.length) { log.writeSessions(log.merge(log.readSessions(), added.sessions)); }
        save(days, "Added " + n + (n === 1 ? " day" : " days") + " from the file " + file.name + ".");
      }, function () { reject("your browser could not read it."); });
    });

    function closeConfirm() {
      confirmBox.hidden = true;
      clear.setAttribute("aria-expanded", "false");
      clear.focus();
    }
    clear.addEventListener("click", function () {
      confirmBox.hidden = false;
      clear.setAttribute("aria-expanded", "true");
      part("confirm-text").focus();
    });
    part("clear-no").addEventListener("click", closeConfirm);
    part("clear-yes").addEventListener("click", function () {
      log.forget();
      save([], "Your diary is cleared from this device.");
      confirmBox.hidden = true;
      clear.setAttribute("aria-expanded", "false");
      heading.focus(); // the Clear all button is disabled while the diary is empty
    });

    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var days = readDiary();
        if (days.length) { drawChart(chartHolder, days); }
      });
    });
    draw();
  }

  /* A diary that fails to start is switched off with a warning, and the page goes back to its no-JavaScript state. */
  function start() {
    try { setup(); } catch (error) {
      if (document.querySelector("[data-calf-diary]")) { showJs(false); }
      if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: pain diary is off.", error); }
    }
  }
  /* The page loads this script right after the diary's last section (not deferred), so it swaps the no-JavaScript
     parts for the diary before the first paint: nothing below moves when it starts (Lighthouse: layout shift). */
  if (document.readyState !== "loading" || document.querySelector("[data-calf-diary]")) { start(); } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
