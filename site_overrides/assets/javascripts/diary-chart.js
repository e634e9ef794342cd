/* Calf Pain Guide pain diary: the chart (SVG) and the table of saved days, and dates in words: part "diary-chart". */
/* Record only: nothing here judges the scores. Shared through window.calfGuide (guide.js, loaded before it). */
(function () {
  "use strict";
  var calf = window.calfGuide;
  if (!calf) { return; } // guide.js did not run: the page keeps its no-JavaScript parts
  var CHART_DAYS = 30;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var SVG = "http://www.w3.org/2000/svg";

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

  calf.provide("diary-chart", {
    longDate: longDate, todayIso: todayIso, drawChart: drawChart, drawTable: drawTable
  });
})();
