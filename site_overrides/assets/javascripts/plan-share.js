/* Calf Pain Guide, My plan: the hand-off QR code (SVG) and the calendar reminders (.ics): part "share". */
(function () {
  "use strict";
  var store = window.calfGuide;
  if (!store) { return; } // guide.js did not run: the page keeps its no-JavaScript text

  /* ---- QR code: drawn with the pinned qrcode-generator as SVG paths (no inline styles) ---- */
  function drawQr(holder, text) {
    holder.textContent = "";
    if (typeof window.qrcode !== "function") { return false; }
    var qr = window.qrcode(0, "M");
    qr.addData(text);
    qr.make();
    var count = qr.getModuleCount();
    var quiet = 4;
    var size = count + quiet * 2;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "calf-plan__qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of the link to this plan");
    svg.setAttribute("shape-rendering", "crispEdges");
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("width", String(size));
    back.setAttribute("height", String(size));
    back.setAttribute("fill", "#ffffff");
    var d = [];
    for (var row = 0; row < count; row += 1) {
      for (var col = 0; col < count; col += 1) {
        if (qr.isDark(row, col)) { d.push("M" + (col + quiet) + " " + (row + quiet) + "h1v1h-1z"); }
      }
    }
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000000");
    svg.appendChild(back);
    svg.appendChild(path);
    holder.appendChild(svg);
    return true;
  }

  /* ---- Reminders: an RFC 5545 calendar file, made here ---- */
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  /* Fold a content line at 75 octets (UTF-8), never inside a character; continuation lines start with a space. */
  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var octets = 0;
    Array.from(line).forEach(function (ch) {
      var size = encoder.encode(ch).length;
      var limit = out.length ? 74 : 75; // a continuation line's leading space counts
      if (octets + size > limit) { out.push(current); current = ""; octets = 0; }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n ");
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(date) {
    return date.getUTCFullYear() + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + "T" +
      two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + "Z";
  }
  var DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]; // Date.getDay() order
  function makeIcs(days, time, lines, now) {
    var first = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    while (days.indexOf(DAY_CODES[first.getDay()]) === -1) { first.setDate(first.getDate() + 1); }
    var start = first.getFullYear() + two(first.getMonth() + 1) + two(first.getDate()) + "T" + time.replace(":", "") + "00";
    var uid = (window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(now.getTime())) + "@calf-pain-guide";
    var summary = "Calf exercises: " + lines.map(function (l) { return l.name; }).join(", ");
    var description = lines.map(function (l) { return l.name + ": " + l.dose; }).join("\n") +
      "\nStop and get advice if you feel a sudden sharp pain, or your calf gets more swollen, hot or red.";
    var out = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Calf Pain Guide//My plan//EN", "CALSCALE:GREGORIAN",
      "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:" + stamp(now), "DTSTART:" + start, "DURATION:PT30M",
      "RRULE:FREQ=WEEKLY;BYDAY=" + days.join(","), "SUMMARY:" + icsText(summary), "DESCRIPTION:" + icsText(description),
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "DESCRIPTION:" + icsText(summary), "END:VALARM",
      "END:VEVENT", "END:VCALENDAR"
    ];
    return out.map(fold).join("\r\n") + "\r\n";
  }

  store.provide("share", { drawQr: drawQr, makeIcs: makeIcs });
})();
