/* Calf Pain Guide pain diary: record only. The reader logs pain during exercise and the next morning (0 to 10) per
   day; the page draws them as an SVG chart and a table. Nothing here judges the scores or gives advice from them.
   The diary lives in this browser's localStorage only; it is exported and imported as a JSON file by the reader. */
(function () {
  "use strict";
  var KEY = "calf-guide-diary";
  var FORMAT = "calf-guide-pain-diary";
  var VERSION = 1;
  /* Stored data and imported files are never trusted: check the shape, sizes and every value. */
  var MAX_DAYS = 1000;
  var MAX_CHARS = 200000;
  var MAX_FILE_BYTES = 1000000;
  var NOTE_MAX = 200; // macros/renderers.py DIARY_NOTE_MAX
  var CHART_DAYS = 30;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var SCORE_TEXT = /^(10|[0-9])$/;
  var SVG = "http://www.w3.org/2000/svg";
  var FIELDS = ["date", "during", "morning", "note"];

  function storage() {
    try { return window.localStorage; } catch { return null; } // blocked storage throws on access
  }
  function forget() {
    try { storage().removeItem(KEY); } catch { /* storage off: nothing to reset */ }
  }

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
    var store = storage();
    var raw;
    try { raw = store && store.getItem(KEY); } catch { return []; }
    if (raw === null || raw === undefined) { return []; }
    var data;
    try { data = raw.length <= MAX_CHARS ? JSON.parse(raw) : null; } catch { data = null; }
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
    try {
      if (days.length) { storage().setItem(KEY, JSON.stringify(asFile(days))); } else { storage().removeItem(KEY); }
      return true;
    } catch {
      return false;
    }
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
    return { days: data.days.map(cleanDay) };
  }

  function toDate(iso) {
    var m = DATE.exec(iso);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  function longDate(iso) {
    return toDate(iso).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  function tableDate(iso) { // no weekday: the table's date column stays narrow on a phone
    return toDate(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  function shortDate(iso) {
    return toDate(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  }
  function todayIso() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function svg(name, attrs, parent) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function svgText(parent, attrs, text) {
    svg("text", attrs, parent).textContent = text;
  }

  /* The chart: the last CHART_DAYS saved days, evenly spaced, both scores on one 0 to 10 axis. The series differ by
     line style and marker shape as well as colour. Its text alternative names what it shows and points to the table. */
  function drawChart(holder, days) {
    holder.textContent = "";
    var shown = days.slice(-CHART_DAYS);
    var width = Math.max(280, Math.round(holder.clientWidth || 600));
    var height = 240;
    var left = 34, right = 26, top = 12, bottom = 44;
    var plotW = width - left - right, plotH = height - top - bottom;
    var root = svg("svg", {
      viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
      "aria-labelledby": "diary-chart-title diary-chart-desc", "class": "calf-diary__svg"
    });
    svg("title", { id: "diary-chart-title" }, root).textContent = "Chart of your pain scores";
    svg("desc", { id: "diary-chart-desc" }, root).textContent =
      "Pain during exercise and pain the next morning, from 0 to 10, for the last " + shown.length +
      (shown.length === 1 ? " saved day, " : " saved days, from ") + longDate(shown[0].date) +
      (shown.length === 1 ? "" : " to " + longDate(shown[shown.length - 1].date)) +
      ". The table below lists the same scores.";
    function x(i) { return left + (shown.length === 1 ? plotW / 2 : (plotW * i) / (shown.length - 1)); }
    function y(score) { return top + plotH - (plotH * score) / 10; }
    for (var s = 0; s <= 10; s += 2) {
      svg("line", { x1: left, x2: width - right, y1: y(s), y2: y(s), "class": "calf-diary__grid" }, root);
      svgText(root, { x: left - 6, y: y(s) + 4, "class": "calf-diary__tick calf-diary__tick--y" }, String(s));
    }
    svg("line", { x1: left, x2: left, y1: top, y2: top + plotH, "class": "calf-diary__axis" }, root);
    svg("line", { x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, "class": "calf-diary__axis" }, root);
    // Date labels: first, last and a few between, never crowded.
    var last = shown.length - 1;
    var every = Math.max(1, Math.ceil(shown.length / Math.max(1, Math.floor(plotW / 70))));
    shown.forEach(function (day, i) {
      var labelled = i === last || (i % every === 0 && (i === 0 || x(last) - x(i) >= 60));
      if (labelled) {
        svgText(root, { x: x(i), y: top + plotH + 18, "class": "calf-diary__tick calf-diary__tick--x" }, shortDate(day.date));
      }
    });
    svgText(root, { x: left + plotW / 2, y: height - 6, "class": "calf-diary__tick calf-diary__tick--title" }, "Saved days, oldest to newest");
    [["during", "circle"], ["morning", "rect"]].forEach(function (series) {
      var field = series[0];
      var points = [];
      shown.forEach(function (day, i) { if (day[field] !== null) { points.push([x(i), y(day[field]), day]); } });
      if (points.length > 1) {
        svg("polyline", {
          points: points.map(function (p) { return p[0] + "," + p[1]; }).join(" "),
          "class": "calf-diary__line calf-diary__line--" + field
        }, root);
      }
      points.forEach(function (p) {
        var mark = series[1] === "circle"
          ? svg("circle", { cx: p[0], cy: p[1], r: 4.5 }, root)
          : svg("rect", { x: p[0] - 4, y: p[1] - 4, width: 8, height: 8 }, root);
        mark.setAttribute("class", "calf-diary__dot calf-diary__dot--" + field);
      });
    });
    holder.appendChild(root);
  }

  function drawTable(body, days, onRemove) {
    body.textContent = "";
    days.slice().reverse().forEach(function (day) {
      var row = document.createElement("tr");
      var when = document.createElement("th");
      when.scope = "row";
      when.textContent = tableDate(day.date);
      row.appendChild(when);
      [day.during, day.morning].forEach(function (score) {
        var cell = document.createElement("td");
        cell.textContent = score === null ? "not recorded" : String(score);
        row.appendChild(cell);
      });
      var note = document.createElement("td");
      note.textContent = day.note;
      row.appendChild(note);
      var action = document.createElement("td");
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "md-button calf-diary__remove";
      // A cross, and the word where there is room (diary.css hides the word on a phone); the label names the date.
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "\u2715";
      var word = document.createElement("span");
      word.className = "calf-diary__remove-word";
      word.textContent = " Remove";
      remove.appendChild(cross);
      remove.appendChild(word);
      remove.setAttribute("aria-label", "Remove " + longDate(day.date));
      remove.addEventListener("click", function () { onRemove(day.date); });
      action.appendChild(remove);
      row.appendChild(action);
      body.appendChild(row);
    });
  }

  /* The parts for a running diary, or the no-JavaScript parts (its message and the blank log to print). */
  function showJs(root, on) {
    root.querySelectorAll("[data-diary-js]").forEach(function (el) { el.hidden = !on; });
    root.querySelectorAll("[data-diary-nojs], [data-diary-blank]").forEach(function (el) { el.hidden = on; });
  }

  function setup() {
    var root = document.querySelector("[data-calf-diary]");
    if (!root) { return; }
    function part(name) { return root.querySelector("[data-diary-" + name + "]"); }
    var form = part("form");
    var formError = part("form-error");
    var status = part("status");
    var chart = part("chart");
    var chartHolder = part("svg");
    var tableWrap = part("table-wrap");
    var rows = part("rows");
    var empty = part("empty");
    var clear = part("clear");
    var confirmBox = part("confirm");
    var fileInput = part("import");
    var heading = root.querySelector("#diary-chart-heading");
    heading.setAttribute("tabindex", "-1");

    showJs(root, true);
    form.elements.date.value = todayIso();

    function say(text) { status.textContent = text; }
    function draw() {
      var days = readDiary();
      empty.hidden = days.length > 0;
      chart.hidden = tableWrap.hidden = days.length === 0;
      clear.disabled = days.length === 0;
      if (days.length) { drawChart(chartHolder, days); } else { chartHolder.textContent = ""; }
      drawTable(rows, days, remove);
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
      var url = URL.createObjectURL(new Blob([JSON.stringify(asFile(days), null, 2) + "\n"], { type: "application/json" }));
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
        var merged = Object.create(null);
        readDiary().concat(parsed.days).forEach(function (d) { merged[d.date] = d; });
        var days = Object.keys(merged).map(function (k) { return merged[k]; }).sort(byDate);
        if (days.length > MAX_DAYS) { reject("the diary would hold more than " + MAX_DAYS + " days."); return; }
        var n = parsed.days.length;
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
      var root = document.querySelector("[data-calf-diary]");
      if (root) { showJs(root, false); }
      if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: pain diary is off.", error); }
    }
  }
  /* The page loads this script right after the diary (not deferred), so it swaps the no-JavaScript parts for the
     diary before the first paint: nothing below moves when it starts (Lighthouse: layout shift). */
  if (document.readyState !== "loading" || document.querySelector("[data-calf-diary]")) { start(); } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
