/* Calf Pain Guide session player: draws a session's state on the page and words its changes: part "session-view". */
/* One screen at a time: the exercise (figure, dose, set and side, the big count or seconds left, the tempo guide,
   the controls that apply now), the pain check (a 0-10 radio group, the pain rule's own box and the card's stop signs,
   copied from the page's templates), or the summary. Text only, never HTML from storage. Phase changes are put in
   words for a polite live region; the seconds themselves are never announced. */
(function () {
  "use strict";
  var calf = window.calfGuide;
  var machine = calf && calf.part("session-machine");
  if (!machine) { return; }
  var PART_WORDS = { up: "Up", pause: "Hold", down: "Down" };
  var PART_MARKS = { up: "\u25b2", pause: "\u25a0", down: "\u25bc" }; // a shape as well as the word: never colour alone

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function seconds(n) { return n >= 60 && n % 60 === 0 ? plural(n / 60, "minute") : plural(n, "second"); }
  function tempoWords(it) {
    var parts = [];
    if (it.up) { parts.push(seconds(it.up) + " up"); }
    if (it.pause) { parts.push(seconds(it.pause) + " hold"); }
    if (it.down) { parts.push(seconds(it.down) + " down"); }
    return parts.join(", ");
  }
  function doseWords(it) {
    var what = it.reps ? plural(it.reps, "rep") : seconds(it.hold) + (it.hold < 60 ? " hold" : "");
    var text = plural(it.sets, "set") + " of " + what + (it.side ? " each side" : "");
    if (it.reps && machine.cycle(it)) { text += ", at " + tempoWords(it) + " a rep"; }
    if (it.sets > 1 && it.rest) { text += ". Rest " + seconds(it.rest) + " between sets"; }
    return text + ".";
  }
  /* Seconds as the big number: over two minutes (a timed walk) as minutes:seconds. */
  function clock(n) { return n > 120 ? Math.floor(n / 60) + ":" + (n % 60 < 10 ? "0" : "") + (n % 60) : String(n); }
  function clockUnit(n, what) { return (n > 120 ? "minutes and seconds " : "seconds ") + what; }
  function setWords(s) {
    var it = machine.current(s);
    return "Set " + s.set + " of " + it.sets + (s.side ? ", " + s.side + " side" : "");
  }

  /* The words for the live region after a change, or "" (for a hand-counted rep: the count itself is on screen). */
  function announce(s, events) {
    var it = machine.current(s);
    var last = events[events.length - 1];
    if (last === "done") { return "Session done. It is saved in your pain diary."; }
    if (last === "pain-check") { return it.name + " done. Pain check: choose your pain from 0 to 10, then Save and go on."; }
    if (last === "exercise") { return "Next exercise, " + (s.i + 1) + " of " + s.items.length + ": " + it.name + ". " + setWords(s) + ". Press Start when ready."; }
    if (last === "side") { return "Now the right side. " + setWords(s) + ". Press Start when ready."; }
    if (last === "rest") { return "Set done. Rest for " + seconds(it.rest) + ". Set " + s.set + " is next."; }
    if (last === "ready") { return "Rest over. " + setWords(s) + ". Press Start when ready."; }
    if (last === "rep") { return s.hand ? setWords(s) + ": press Count a rep after each rep." : setWords(s) + " started: " + tempoWords(it) + " a rep."; }
    if (last === "hold") { return setWords(s) + ": hold for " + seconds(it.hold) + "."; }
    if (last === "pause") { return "Paused. Press Resume to go on."; }
    if (last === "resume") { return "Going on."; }
    return "";
  }

  function setup(root) {
    function part(name) { return root.querySelector("[data-session-" + name + "]"); }
    var screen = part("screen"), pain = part("pain"), summary = part("summary");
    var name = part("name"), big = part("big"), unit = part("unit"), tempo = part("tempo"), fill = part("fill");
    var img = part("img");
    var actions = {};
    root.querySelectorAll("[data-session-action]").forEach(function (b) { actions[b.getAttribute("data-session-action")] = b; });
    var rules = Object.create(null);
    root.querySelector("template[data-session-rules]").content.querySelectorAll("[data-rule]").forEach(function (el) {
      rules[el.getAttribute("data-rule")] = el;
    });
    var shownExercise = null;

    function list(holder, items) {
      holder.textContent = "";
      items.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        holder.appendChild(li);
      });
    }
    /* The parts of a screen that change only with the exercise: figure, cues, dose, link, pain rule, stop signs. */
    function drawExercise(s, card) {
      var it = machine.current(s);
      name.textContent = it.name;
      part("progress").textContent = "Exercise " + (s.i + 1) + " of " + s.items.length;
      part("dose").textContent = doseWords(it);
      img.src = card.getAttribute("data-img");
      img.alt = card.getAttribute("data-alt");
      part("card-link").href = card.getAttribute("data-href");
      part("card-link").textContent = "How to do it: " + it.name + " (full exercise page)";
      list(part("cues"), Array.prototype.map.call(card.querySelectorAll("[data-cues] li"), function (li) { return li.textContent; }));
      list(part("stop"), Array.prototype.map.call(card.querySelectorAll("[data-stop] li"), function (li) { return li.textContent; }));
      var holder = part("rule");
      holder.textContent = "";
      if (rules[it.rule]) { holder.appendChild(rules[it.rule].cloneNode(true)); }
      pain.reset();
    }

    function show(el, on) { el.hidden = !on; }
    /* Draw the whole state; `card` is the exercise's data element from the page's template. */
    function render(s, now, card) {
      var v = machine.view(s, now);
      var it = machine.current(s);
      root.setAttribute("data-session-state", s.phase);
      root.setAttribute("data-session-exercise", it.card);
      root.setAttribute("data-session-set", String(s.set));
      if (s.side && s.phase !== "done") { root.setAttribute("data-session-side", s.side); } else { root.removeAttribute("data-session-side"); }
      var key = s.i + "/" + s.phase;
      if (shownExercise !== s.i) { drawExercise(s, card); shownExercise = s.i; }
      show(screen, s.phase !== "pain-check" && s.phase !== "done");
      show(pain, s.phase === "pain-check");
      show(summary, s.phase === "done");
      part("progress").hidden = s.phase === "done";
      if (s.phase === "done") { name.textContent = "Session done"; }
      else { name.textContent = s.phase === "pain-check" ? "Pain check: " + it.name : it.name; }
      var setLine = setWords(s);
      var timed = s.phase === "hold" || s.phase === "rest";
      if (s.phase === "ready") {
        big.textContent = it.reps ? String(it.reps) : clock(it.hold);
        unit.textContent = it.reps ? "reps to do" : clockUnit(it.hold, "to hold");
        setLine += ": press Start when ready";
      } else if (s.phase === "rep") {
        big.textContent = String(v.count);
        unit.textContent = "of " + it.reps + " reps" + (v.hand ? ", counted by hand" : "");
      } else if (timed) {
        big.textContent = clock(v.left);
        unit.textContent = clockUnit(v.left, s.phase === "rest" ? "of rest left" : "left");
        if (s.phase === "rest") { setLine = "Rest. Next: " + setLine; }
      }
      if (!s.running && (s.phase === "hold" || s.phase === "rest" || (s.phase === "rep" && !s.hand))) { setLine += " (paused)"; }
      part("setline").textContent = setLine;
      var guide = s.phase === "rep" && !v.hand && v.part;
      tempo.hidden = !guide && !timed;
      if (guide) {
        part("phase").textContent = PART_MARKS[v.part] + " " + PART_WORDS[v.part] + " " + v.partLeft;
        fill.style.transform = "scaleX(" + v.partShare.toFixed(3) + ")";
      } else if (timed) {
        part("phase").textContent = s.phase === "rest" ? "Rest" : "\u25a0 Hold";
        fill.style.transform = "scaleX(" + (v.share || 0).toFixed(3) + ")";
      }
      var pausable = s.running && !v.hand;
      show(actions.start, s.phase === "ready" || ((s.phase === "hold" || s.phase === "rest" || s.phase === "rep") && !s.running && !v.hand));
      actions.start.textContent = s.phase === "ready" ? (s.side ? "Start the " + s.side + " side" : "Start set " + s.set) : "Resume";
      show(actions.pause, pausable);
      show(actions.rep, s.phase === "rep");
      show(actions.skip, s.phase === "rest");
      show(actions.stop, s.phase !== "pain-check" && s.phase !== "done");
      return key;
    }

    function drawSummary(s, dateText) {
      var rows = part("summary-rows");
      rows.textContent = "";
      part("summary-caption").textContent = "Your session, " + dateText;
      s.results.forEach(function (r) {
        var row = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = r.name;
        row.appendChild(th);
        [r.done + " of " + r.sets, r.pain === null ? "not recorded" : String(r.pain)].forEach(function (text) {
          var td = document.createElement("td");
          td.textContent = text;
          row.appendChild(td);
        });
        rows.appendChild(row);
      });
      var sets = s.results.reduce(function (n, r) { return n + r.done; }, 0);
      part("summary-text").textContent = "You did " + plural(s.results.length, "exercise") + ", " + plural(sets, "set") + " in all.";
    }
    function painScore() {
      var picked = pain.querySelector("input[name=pain]:checked");
      return picked ? Number(picked.value) : null;
    }
    function say(text) { if (text) { part("live").textContent = text; } }
    function message(text) {
      part("message-text").textContent = text;
      part("message").hidden = !text;
    }
    return { render: render, drawSummary: drawSummary, painScore: painScore, say: say, message: message, focusName: function () { name.focus(); } };
  }

  calf.provide("session-view", { setup: setup, announce: announce, doseWords: doseWords });
})();
