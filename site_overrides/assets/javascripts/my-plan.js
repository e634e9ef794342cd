/* Calf Pain Guide: the My plan page. Each chosen exercise with its steps, dose, pain rule and stop signs, a week's log
   table for print; dose changes; the hand-off link (the plan in the URL fragment, never sent to a server) and its QR
   code; and calendar reminders (.ics). Uses the plan store of plan.js (window.calfPlan), loaded before it.
   Stored data and links are never trusted: they are validated, capped and shown as text, never as HTML. */
(function () {
  "use strict";
  var store = window.calfPlan;
  if (!store) { return; } // plan.js did not run: the page keeps its no-JavaScript text
  var guard = store.guard, forget = store.forget, readJSON = store.readJSON, save = store.save, own = store.own;
  var isCardId = store.isCardId, catalogue = store.catalogue, readPlan = store.readPlan, writePlan = store.writePlan;
  var PLAN_MAX_CHARS = store.maxChars;
  var DOSE_KEY = "calf-guide-plan-doses"; // {card id: dose changes}, for cards in the plan
  var LINK_MAX_ITEMS = 30; // a hand-off link: enough for any home programme, small enough for a QR code
  var LINK_MAX_CHARS = 4000;
  var LINK_VERSION = 1;
  var NOTE_MAX = 200;
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

  /* ---- The hand-off link: #plan=<base64url of UTF-8 JSON {"v":1,"p":[[id, changes], ...]}> ---- */
  function toBase64Url(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64Url(code) {
    if (!/^[A-Za-z0-9_-]*$/.test(code)) { throw new Error("bad"); }
    var binary = window.atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }
  function encodeLink(plan, doses) {
    var items = plan.map(function (id) {
      return doses[id] && Object.keys(doses[id]).length ? [id, doses[id]] : [id];
    });
    var base = window.location.href.split("#")[0];
    return base + "#plan=" + toBase64Url(JSON.stringify({ v: LINK_VERSION, p: items }));
  }
  /* Decode a link's fragment. Returns {plan, doses} or {error: what is wrong, in words a reader can act on}. */
  function decodeLink(fragment, known) {
    var code = fragment.slice("#plan=".length);
    if (!code) { return { error: "The link ends before the plan: it may have been cut short when it was copied." }; }
    if (code.length > LINK_MAX_CHARS) { return { error: "The link is too long to be a plan from this guide." }; }
    var data;
    try { data = JSON.parse(fromBase64Url(code)); } catch {
      return { error: "The end of the link is damaged, so the plan cannot be read. It may have been cut short or changed when it was copied." };
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) { return { error: "The link does not hold a plan." }; }
    if (data.v !== LINK_VERSION) {
      return { error: "The link was made by a different version of this guide (version " + String(data.v).slice(0, 20) + "), which this page cannot read." };
    }
    if (!Array.isArray(data.p) || !data.p.length) { return { error: "The link holds no exercises." }; }
    if (data.p.length > LINK_MAX_ITEMS) { return { error: "The link holds more than " + LINK_MAX_ITEMS + " exercises." }; }
    var plan = [];
    var doses = Object.create(null);
    var problems = [];
    data.p.forEach(function (item, n) {
      var id = Array.isArray(item) ? item[0] : null;
      if (!isCardId(id) || known[id] !== true) {
        problems.push("Exercise " + (n + 1) + " is not an exercise in this guide" +
          (typeof id === "string" ? " (“" + id.slice(0, 40) + "”)" : "") + ".");
        return;
      }
      if (plan.indexOf(id) !== -1) { problems.push("Exercise " + (n + 1) + " is listed twice."); return; }
      if (item.length > 2) { problems.push("Exercise " + (n + 1) + " has extra data."); return; }
      plan.push(id);
      if (item.length === 2) {
        var before = problems.length;
        var dose = cleanDose(item[1], problems);
        if (dose === null) { problems.push("The dose of exercise " + (n + 1) + " is not readable."); }
        else if (problems.length === before && Object.keys(dose).length) { doses[id] = dose; }
      }
    });
    if (problems.length) { return { error: problems.slice(0, 3).join(" ") }; }
    return { plan: plan, doses: doses };
  }

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
  }

  function start() {
    guard("My plan", setupPlanPage);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
