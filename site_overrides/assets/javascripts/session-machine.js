/* Calf Pain Guide session player: the timer and state machine, pure (no page, no storage): part "session-machine". */
/* A session is a plain object that survives JSON (it is stored after every change, so a reload or a phone lock resumes
   it). Time comes in as `now` (ms since 1970) and is never read here, so the timers follow the wall clock: a phase that
   ends while the phone is locked has ended when it wakes. Phases: ready -> rep or hold -> (other side: ready) -> rest ->
   ready -> ... -> pain-check -> the next exercise's ready ... -> done. Nothing here judges a pain score. */
(function () {
  "use strict";
  var calf = window.calfGuide;
  if (!calf) { return; }
  var VERSION = 1;
  var PHASES = ["ready", "rep", "hold", "rest", "pain-check", "done"];
  var HOLD_REP_EASE = 1; // seconds to move into and out of a held rep when a card gives a hold but no tempo

  /* One exercise's dose as the player runs it: reps with a tempo cycle (seconds up, pause, down), or a hold. */
  function item(card, name, sets, reps, hold, rest, tempo, perSide, rule) {
    var t = tempo || null;
    if (!t && reps && hold) { t = { up: HOLD_REP_EASE, pause: hold, down: HOLD_REP_EASE }; }
    return {
      card: card, name: name, sets: sets, reps: reps || 0, hold: reps ? 0 : hold || 0, rest: rest || 0,
      up: t ? t.up : 0, pause: t ? t.pause || 0 : 0, down: t ? t.down : 0, side: !!perSide, rule: rule
    };
  }
  function cycle(it) { return (it.up + it.pause + it.down) * 1000; } // one rep at the tempo, ms (0: count by hand)
  function kind(it) { return it.reps ? "rep" : "hold"; }

  function create(items, source, date) {
    var s = { v: VERSION, source: source, date: date, items: items, i: 0, results: [], started: false };
    return toExercise(s, 0);
  }
  function toExercise(s, i) {
    s.i = i;
    s.set = 1;
    s.done = 0;
    s.side = s.items[i] && s.items[i].side ? "left" : null;
    return toReady(s);
  }
  function toReady(s) {
    s.phase = "ready";
    s.running = false;
    s.since = 0;
    s.spent = 0;
    s.count = 0;
    s.hand = false;
    return s;
  }
  function run(s, phase, at) {
    s.phase = phase;
    s.running = true;
    s.since = at;
    s.spent = 0;
    s.count = 0;
    s.hand = false;
  }
  function current(s) { return s.items[s.i]; }
  function elapsed(s, now) { return s.spent + (s.running ? Math.max(0, now - s.since) : 0); }
  /* How long the running phase lasts, ms; 0 when it only ends by hand (reps with no tempo). */
  function length(s) {
    var it = current(s);
    if (s.phase === "hold") { return it.hold * 1000; }
    if (s.phase === "rest") { return it.rest * 1000; }
    if (s.phase === "rep") { return s.hand ? 0 : cycle(it) * it.reps; }
    return 0;
  }

  /* A set (or one side of it) is over, at time `at`: the other side, a rest, the next set or the pain check. */
  function endSet(s, at, events) {
    var it = current(s);
    if (it.side && s.side === "left") {
      s.side = "right";
      toReady(s);
      events.push("side");
      return;
    }
    s.done = s.set;
    if (s.set >= it.sets) { toReady(s); s.phase = "pain-check"; events.push("pain-check"); return; }
    s.set += 1;
    s.side = it.side ? "left" : null;
    if (it.rest > 0) { run(s, "rest", at); events.push("rest"); } else { toReady(s); events.push("ready"); }
  }

  /* Bring the session up to `now`: each phase that has run its length ends, at the moment it ended. Returns the
     phase changes, in order, for the page to show, announce and signal. */
  function advance(s, now) {
    var events = [];
    for (var guard = 0; guard < 50 && s.running; guard += 1) {
      var total = length(s);
      if (!total || elapsed(s, now) < total) { break; }
      var endedAt = s.since + (total - s.spent);
      if (s.phase === "rest") { toReady(s); events.push("ready"); } else { endSet(s, endedAt, events); }
    }
    return events;
  }

  /* The reader's actions; each returns the phase changes it caused (an empty list when it does not apply now). */
  function start(s, now) {
    if (s.phase === "ready") {
      s.started = true;
      run(s, kind(current(s)), now);
      if (s.phase === "rep" && !cycle(current(s))) { s.hand = true; s.running = false; } // no tempo: counted by hand
      return [s.phase];
    }
    if ((s.phase === "rep" || s.phase === "hold" || s.phase === "rest") && !s.running) {
      s.running = true;
      s.since = now;
      return ["resume"];
    }
    return [];
  }
  function pause(s, now) {
    if (!s.running || s.hand) { return []; }
    s.spent = elapsed(s, now);
    s.running = false;
    return ["pause"];
  }
  function skip(s) {
    if (s.phase !== "rest") { return []; }
    toReady(s);
    return ["ready"];
  }
  /* A rep counted by hand: the tempo guide stops, and the count goes on from where it was. */
  function rep(s, now) {
    if (s.phase !== "rep") { return []; }
    if (!s.hand) {
      s.count = view(s, now).count;
      s.spent = elapsed(s, now);
      s.hand = true;
      s.running = false;
    }
    s.count += 1;
    var events = ["count"];
    if (s.count >= current(s).reps) { endSet(s, now, events); }
    return events;
  }
  /* Stop the exercise now (it hurts, or it is enough): the sets finished so far count, and the pain check follows. */
  function stop(s) {
    if (s.phase === "pain-check" || s.phase === "done") { return []; }
    if (s.phase === "rest") { s.done = s.set - 1; }
    toReady(s);
    s.phase = "pain-check";
    return ["pain-check"];
  }
  /* Save the pain check (a whole number 0-10, or null for none) and go on to the next exercise or the summary. */
  function next(s, pain) {
    if (s.phase !== "pain-check") { return []; }
    var it = current(s);
    s.results.push({ card: it.card, name: it.name, sets: it.sets, done: s.done, pain: pain });
    if (s.i + 1 < s.items.length) { toExercise(s, s.i + 1); return ["exercise"]; }
    toReady(s);
    s.phase = "done";
    return ["done"];
  }

  /* What the screen shows at `now`: the count or the seconds left, and where in the rep the tempo guide is. */
  function view(s, now) {
    var it = current(s) || {};
    var e = elapsed(s, now);
    var out = { phase: s.phase, running: s.running, hand: s.hand, count: s.count, left: 0, part: null, partLeft: 0, partShare: 0 };
    if (s.phase === "hold" || s.phase === "rest") {
      out.left = Math.max(0, Math.ceil((length(s) - e) / 1000));
      out.share = length(s) ? Math.min(1, e / length(s)) : 0;
    }
    if (s.phase === "rep" && !s.hand && cycle(it)) {
      var c = cycle(it);
      out.count = Math.min(it.reps, Math.floor(e / c));
      var inRep = e % c;
      var parts = [["up", it.up], ["pause", it.pause], ["down", it.down]];
      for (var k = 0, from = 0; k < parts.length; k += 1) {
        var ms = parts[k][1] * 1000;
        if (ms && inRep < from + ms) {
          out.part = parts[k][0];
          out.partLeft = Math.ceil((from + ms - inRep) / 1000);
          out.partShare = (inRep - from) / ms;
          break;
        }
        from += ms;
      }
    }
    return out;
  }

  /* A stored session, or null if it is not one this version can run (the page then says so and starts afresh). */
  function valid(s) {
    function whole(n, lo, hi) { return typeof n === "number" && Math.floor(n) === n && n >= lo && n <= hi; }
    if (!s || typeof s !== "object" || s.v !== VERSION || !Array.isArray(s.items) || !Array.isArray(s.results)) { return null; }
    if (!s.items.length || s.items.length > 50 || !whole(s.i, 0, s.items.length - 1) || PHASES.indexOf(s.phase) === -1) { return null; }
    var itemsOk = s.items.every(function (it) {
      return it && calf.isCardId(it.card) && typeof it.name === "string" && it.name.length <= 100 && whole(it.sets, 1, 20) &&
        whole(it.reps, 0, 100) && whole(it.hold, 0, 7200) && whole(it.rest, 0, 600) && whole(it.up, 0, 10) &&
        whole(it.pause, 0, 300) && whole(it.down, 0, 10) && typeof it.side === "boolean" && calf.isCardId(it.rule) &&
        (it.reps > 0 || it.hold > 0);
    });
    var it = s.items[s.i];
    var stateOk = itemsOk && whole(s.set, 1, it.sets) && whole(s.done, 0, it.sets) && whole(s.count, 0, 100) &&
      typeof s.running === "boolean" && typeof s.hand === "boolean" && typeof s.started === "boolean" &&
      whole(s.since, 0, 1e14) && whole(s.spent, 0, 1e9) && (it.side ? s.side === "left" || s.side === "right" : s.side === null) &&
      typeof s.source === "string" && s.source.length <= 100 && typeof s.date === "string" && s.results.length <= s.items.length;
    return stateOk ? s : null;
  }

  calf.provide("session-machine", {
    item: item, create: create, advance: advance, start: start, pause: pause, skip: skip, rep: rep, stop: stop,
    next: next, view: view, valid: valid, current: current, cycle: cycle
  });
})();
