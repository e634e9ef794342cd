/* Calf Pain Guide, My plan: the dose changes a physiotherapist makes (cleaned, stored, put in words): part "dose". */
(function () {
  "use strict";
  var store = window.calfGuide;
  if (!store || !store.part("plan")) { return; } // plan.js did not run: the page keeps its no-JavaScript text
  var forget = store.forget, readJSON = store.readJSON, save = store.save, own = store.own;
  var PLAN_MAX_CHARS = store.part("plan").maxChars;
  var DOSE_KEY = "calf-guide-plan-doses"; // {card id: dose changes}, for cards in the plan
  /* The longest dose note: the diary's limit, which the page writes from macros/pages/renderers.py DIARY_NOTE_MAX
     (this script runs after the page's markup, so the element is there). */
  var holder = document.querySelector("[data-diary-note-max]");
  var NOTE_MAX = holder ? Number(holder.getAttribute("data-diary-note-max")) : 0;
  if (!(NOTE_MAX > 0)) { return; } // not the My plan page: no doses to keep
  /* Each dose field a physiotherapist may change: its short key in links and storage, and its range. */
  var FIELDS = {
    s: { name: "sets", label: "Sets", min: 1, max: 10 },
    r: { name: "reps", label: "Reps", min: 1, max: 50 },
    h: { name: "hold", label: "Hold (seconds)", min: 1, max: 600 },
    t: { name: "times", label: "Times", min: 1, max: 14 }
  };
  var PERIODS = ["day", "week"];

  /* One exercise's dose changes, cleaned: whole numbers in range, a period of day or week, a short plain note.
     Returns null when `raw` is not an object; `problems` collects what was wrong (for a link's message). */
  function cleanDose(raw, problems) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) { return null; }
    var dose = {};
    Object.keys(FIELDS).forEach(function (key) {
      if (!own(raw, key)) { return; }
      var value = raw[key];
      var field = FIELDS[key];
      if (typeof value === "number" && Math.floor(value) === value && value >= field.min && value <= field.max) {
        dose[key] = value;
      } else if (problems) {
        problems.push(field.label + " must be a whole number from " + field.min + " to " + field.max + ".");
      }
    });
    if (own(raw, "p")) {
      if (PERIODS.indexOf(raw.p) !== -1) { dose.p = raw.p; } else if (problems) { problems.push("Times must be a day or a week."); }
    }
    if (own(raw, "n")) {
      // eslint-disable-next-line no-control-regex
      if (typeof raw.n === "string" && raw.n.length <= NOTE_MAX && !/[\u0000-\u001f\u007f]/.test(raw.n)) {
        if (raw.n.trim()) { dose.n = raw.n.trim(); }
      } else if (problems) {
        problems.push("A note must be plain text of at most " + NOTE_MAX + " characters.");
      }
    }
    return dose;
  }
  function readDoses(plan) {
    var data = readJSON(DOSE_KEY, PLAN_MAX_CHARS);
    if (data === undefined) { return Object.create(null); }
    var doses = Object.create(null);
    if (!data || typeof data !== "object" || Array.isArray(data)) { forget(DOSE_KEY); return doses; }
    var changed = false;
    Object.keys(data).forEach(function (id) {
      var dose = plan.indexOf(id) !== -1 ? cleanDose(data[id]) : null;
      if (dose && Object.keys(dose).length) { doses[id] = dose; } else { changed = true; }
      if (dose && JSON.stringify(dose) !== JSON.stringify(data[id])) { changed = true; }
    });
    if (changed) { writeDoses(doses); }
    return doses;
  }
  function writeDoses(doses) {
    if (Object.keys(doses).length) { save(DOSE_KEY, doses); } else { forget(DOSE_KEY); }
  }

  /* ---- Dose words ---- */
  function defaults(card) {
    var d = {
      s: Number(card.getAttribute("data-sets")),
      t: Number(card.getAttribute("data-times")),
      p: card.getAttribute("data-per")
    };
    if (card.hasAttribute("data-reps")) { d.r = Number(card.getAttribute("data-reps")); }
    if (card.hasAttribute("data-hold")) { d.h = Number(card.getAttribute("data-hold")); }
    return d;
  }
  function merged(card, change) {
    var d = defaults(card);
    Object.keys(change || {}).forEach(function (key) {
      if (key === "n" || own(d, key)) { d[key] = change[key]; }
    });
    return d;
  }
  function seconds(s) { return s >= 60 && s % 60 === 0 ? s / 60 + " min" : s + " s"; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function doseWords(card, d) {
    var what;
    if (own(d, "r")) { what = d.r + " reps" + (own(d, "h") ? " with a " + seconds(d.h) + " hold" : ""); }
    else { what = d.h < 60 ? seconds(d.h) + " holds" : seconds(d.h); }
    var side = card.getAttribute("data-per-side") === "true" ? " each side" : "";
    return plural(d.s, "set") + " of " + what + side + ", " + plural(d.t, "time") + " a " + d.p + ".";
  }

  store.provide("dose", {
    FIELDS: FIELDS, PERIODS: PERIODS, NOTE_MAX: NOTE_MAX, cleanDose: cleanDose, readDoses: readDoses,
    writeDoses: writeDoses, defaults: defaults, merged: merged, plural: plural, doseWords: doseWords
  });
})();
