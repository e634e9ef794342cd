/* Calf Pain Guide pain diary: the diary store, its checks, and the diary file's format: part "diary-store". */
/* The diary lives in this browser's localStorage only; the reader exports and imports it as a JSON file.
   Shared through window.calfGuide (guide.js, loaded before it) with diary-chart.js and pain-diary.js. */
(function () {
  "use strict";
  var calf = window.calfGuide;
  if (!calf) { return; } // guide.js did not run: the page keeps its no-JavaScript parts
  var KEY = "calf-guide-diary";
  var FORMAT = "calf-guide-pain-diary";
  var VERSION = 1;
  /* Stored data and imported files are never trusted: check the shape, sizes and every value. */
  var MAX_DAYS = 1000;
  var MAX_CHARS = 200000;
  var MAX_FILE_BYTES = 1000000;
  /* The note field's maxlength, which the page writes from macros/pages/renderers.py DIARY_NOTE_MAX (this script runs
     after the diary's markup, so the field is there); the session player, which writes its days, gives the same number
     as data-diary-note-max. */
  var noteField = document.getElementById("diary-note");
  var player = document.querySelector("[data-diary-note-max]");
  var NOTE_MAX = noteField ? noteField.maxLength : player ? Number(player.getAttribute("data-diary-note-max")) : 0;
  if (!(NOTE_MAX > 0)) { return; } // not a page with the diary: nothing to store
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var FIELDS = ["date", "during", "morning", "note"];

  function forget() { calf.forget(KEY); } // storage helpers: guide.js, through window.calfGuide

  function realDate(text) {
    var m = typeof text === "string" ? DATE.exec(text) : null;
    if (!m) { return false; }
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var t = new Date(Date.UTC(y, mo - 1, d));
    return y >= 1900 && y <= 2200 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
  }
  function isScore(value) {
    return value === null || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10);
  }
  /* Why one day is not valid, or "" if it is. */
  function dayProblem(day) {
    if (!day || typeof day !== "object" || Array.isArray(day)) { return "is not a day entry"; }
    var extra = Object.keys(day).filter(function (k) { return FIELDS.indexOf(k) === -1; });
    if (extra.length) { return "has a field this diary does not use (" + extra[0].slice(0, 30) + ")"; }
    if (!realDate(day.date)) { return "has no valid date (YYYY-MM-DD)"; }
    if (!isScore(day.during === undefined ? null : day.during) || !isScore(day.morning === undefined ? null : day.morning)) {
      return "has a pain score that is not a whole number from 0 to 10";
    }
    if ((day.during === undefined || day.during === null) && (day.morning === undefined || day.morning === null)) {
      return "has no pain score";
    }
    if (day.note !== undefined && (typeof day.note !== "string" || day.note.length > NOTE_MAX)) {
      return "has a note that is not text of up to " + NOTE_MAX + " characters";
    }
    return "";
  }
  function cleanDay(day) {
    return {
      date: day.date,
      during: day.during === undefined ? null : day.during,
      morning: day.morning === undefined ? null : day.morning,
      note: day.note || ""
    };
  }
  function byDate(a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; }

  /* The stored diary, cleaned: days with valid values, one per date, oldest first. Anything else is dropped quietly
     (a corrupt store is removed), never thrown. */
  function readDiary() {
    var data = calf.readJSON(KEY, MAX_CHARS); // undefined: nothing stored (or storage off); null: not JSON or too long
    if (data === undefined) { return []; }
    var list = data && typeof data === "object" && data.format === FORMAT && data.version === VERSION ? data.days : null;
    if (!Array.isArray(list) || list.length > MAX_DAYS) { forget(); return []; }
    var seen = Object.create(null);
    var days = [];
    list.forEach(function (day) {
      if (dayProblem(day) || seen[day.date]) { return; }
      seen[day.date] = true;
      days.push(cleanDay(day));
    });
    days.sort(byDate);
    if (days.length !== list.length) {
      if (days.length) { writeDiary(days); } else { forget(); }
    }
    return days;
  }
  function asFile(days) {
    return { format: FORMAT, version: VERSION, days: days };
  }
  /* True when the browser kept it. */
  function writeDiary(days) {
    if (days.length) { return calf.save(KEY, asFile(days)); }
    forget();
    return true;
  }
  /* A whole imported file: the list of days, or a message saying what is wrong. Strict: one bad day rejects it. */
  function parseFile(text) {
    var data;
    try { data = JSON.parse(text); } catch { return { error: "it is not a JSON file." }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) {
      return { error: "it is not a pain diary saved by this guide." };
    }
    if (data.version !== VERSION) { return { error: "it was saved by a version of the diary this page does not know." }; }
    if (!Array.isArray(data.days)) { return { error: "it has no list of days." }; }
    if (data.days.length > MAX_DAYS) { return { error: "it has more than " + MAX_DAYS + " days." }; }
    var seen = Object.create(null);
    for (var i = 0; i < data.days.length; i += 1) {
      var problem = dayProblem(data.days[i]);
      if (problem) { return { error: "day " + (i + 1) + " in the file " + problem + "." }; }
      if (seen[data.days[i].date]) { return { error: "the date " + data.days[i].date + " appears twice." }; }
      seen[data.days[i].date] = true;
    }
    return { days: data.days.map(cleanDay), sessions: data.sessions }; // sessions: checked by session-log.js
  }

  calf.provide("diary-store", {
    MAX_DAYS: MAX_DAYS, MAX_FILE_BYTES: MAX_FILE_BYTES, NOTE_MAX: NOTE_MAX, realDate: realDate, byDate: byDate,
    readDiary: readDiary, writeDiary: writeDiary, asFile: asFile, parseFile: parseFile
  });
})();
