/* Calf Pain Guide session player: the page: which exercises, the controls, the clock, saving, resuming and logging. */
/* The exercises come from My plan's stored plan (with a physiotherapist's dose changes, plan-dose.js), or from a
   programme stage named in the address (?programme=<id>&stage=<n>), looked up in the page's own templates, so it
   works from file:// and offline. The session is stored after every change (localStorage, through guide.js), so a
   reload or a phone lock resumes it; a stored session that cannot be read is set aside with a message, never an
   error. At the end it is logged (session-log.js) and its pain checks go into the pain diary (diary-store.js). */
(function () {
  "use strict";
  var KEY = "calf-guide-session";
  var MAX_CHARS = 60000;
  var TICK_MS = 250;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function todayIso() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }
  function number(el, name) { return el.hasAttribute(name) ? Number(el.getAttribute(name)) : 0; }

  function setup() {
    var root = document.querySelector("[data-calf-session]");
    if (!root) { return; }
    var calf = window.calfGuide;
    var machine = calf && calf.part("session-machine"), viewPart = calf && calf.part("session-view");
    var cues = calf && calf.part("session-cues"), log = calf && calf.part("session-log");
    var dosePart = calf && calf.part("dose"), diary = calf && calf.part("diary-store");
    if (!machine || !viewPart || !cues || !log || !dosePart || !diary) { throw new Error("a part of the player's code did not load"); }
    var cards = Object.create(null); // by id, looked up in a map: no selector is ever built from stored data or the address
    root.querySelector("template[data-session-cards]").content.querySelectorAll("[data-card]").forEach(function (el) {
      cards[el.getAttribute("data-card")] = el;
    });
    var ui = viewPart.setup(root);

    function cardItem(id, sets, reps, hold, rule) {
      var card = cards[id];
      var tempo = card.hasAttribute("data-up") ?
        { up: number(card, "data-up"), pause: number(card, "data-pause"), down: number(card, "data-down") } : null;
      return machine.item(id, card.getAttribute("data-name"), sets, reps, hold, number(card, "data-rest"), reps ? tempo : null,
        card.getAttribute("data-per-side") === "true", rule || card.getAttribute("data-rule"));
    }
    function fromPlan() {
      var plan = calf.part("plan").readPlan().filter(function (id) { return cards[id]; });
      var doses = dosePart.readDoses(plan);
      return {
        source: "plan", name: "My plan",
        items: plan.map(function (id) {
          var d = dosePart.merged(cards[id], doses[id]);
          return cardItem(id, d.s, d.r || 0, d.h || 0);
        })
      };
    }
    function fromProgramme(id, stage) {
      var wrong = { error: "This link names a programme stage that this guide does not have. Choose a stage on the programmes page." };
      if (!SLUG.test(id || "") || !/^[1-9][0-9]?$/.test(stage || "")) { return wrong; }
      var programme = null;
      root.querySelector("template[data-session-programmes]").content.querySelectorAll("[data-programme]").forEach(function (el) {
        if (el.getAttribute("data-programme") === id) { programme = el; }
      });
      var list = programme && programme.querySelectorAll("[data-stage]")[Number(stage) - 1];
      if (!list) { return wrong; }
      return {
        source: "programme:" + id + ":" + stage,
        name: (programme.getAttribute("data-title") + ", stage " + stage + ": " + list.getAttribute("data-name")).slice(0, 100),
        items: Array.prototype.filter.call(list.querySelectorAll("[data-card]"), function (e) { return cards[e.getAttribute("data-card")]; })
          .map(function (e) {
            var hold = number(e, "data-hold") || number(e, "data-minutes") * 60;
            return cardItem(e.getAttribute("data-card"), number(e, "data-sets"), number(e, "data-reps"), hold, programme.getAttribute("data-rule"));
          })
      };
    }
    var params = new URLSearchParams(window.location.search);
    var chosen = params.has("programme") || params.has("stage") ? fromProgramme(params.get("programme"), params.get("stage")) : fromPlan();
    if (chosen.error) { ui.message(chosen.error); return; }
    if (!chosen.items.length) { root.querySelector("[data-session-empty]").hidden = false; return; }

    /* A stored session for the same exercises resumes where it was; anything else starts afresh. */
    var s = null;
    var stored = calf.readJSON(KEY, MAX_CHARS);
    if (stored !== undefined) {
      var ok = stored === null ? null : machine.valid(stored);
      if (!ok) {
        calf.forget(KEY);
        ui.message("A session saved on this device could not be read, so it was set aside. This session starts from the beginning.");
      } else if (ok.source === chosen.source && ok.phase !== "done" && ok.items.every(function (it) { return cards[it.card]; })) {
        s = ok;
      }
    }
    var resumed = !!s;
    s = s || machine.create(chosen.items, chosen.source, todayIso());
    var choice = cues.readChoice();
    var wake = cues.wakeLock();
    var sound = root.querySelector("[data-session-sound]"), vibrate = root.querySelector("[data-session-vibrate]");
    sound.checked = choice.sound;
    vibrate.checked = choice.vibrate;
    [sound, vibrate].forEach(function (box) {
      box.addEventListener("change", function () {
        choice = { sound: sound.checked, vibrate: vibrate.checked };
        cues.saveChoice(choice);
        if (box.checked) { cues.signal({ sound: box === sound, vibrate: box === vibrate }, false); } // a sample
      });
    });

    function keep() {
      if (s.phase === "done") { calf.forget(KEY); } else if (!calf.save(KEY, s)) {
        ui.message("Your browser did not let this page store the session, so a reload starts it again.");
      }
    }
    function draw() {
      ui.render(s, Date.now(), cards[machine.current(s).card]);
      var paused = (s.phase === "rep" || s.phase === "hold" || s.phase === "rest") && !s.running && !s.hand;
      wake.want(s.started && s.phase !== "done" && !paused);
      var focused = document.activeElement;
      if (focused && root.contains(focused) && focused.closest("[hidden]")) { refocus(); }
    }
    /* Focus went with a control that no longer applies: to the one that does, or the screen's heading. */
    function refocus() {
      var next = Array.prototype.filter.call(root.querySelectorAll("[data-session-action]"), function (b) {
        return !b.hidden && !b.closest("[hidden]");
      })[0];
      if (next && s.phase !== "pain-check") { next.focus(); } else { ui.focusName(); }
    }
    /* The highest pain check of the sessions logged on a date, or null. */
    function sessionsHigh(date) {
      var scores = [];
      log.readSessions().forEach(function (logged) {
        if (logged.date !== date) { return; }
        logged.exercises.forEach(function (e) { if (e.pain !== null) { scores.push(e.pain); } });
      });
      return scores.length ? Math.max.apply(null, scores) : null;
    }
    /* Each pain check is kept in the session log (its own place: the diary's sessions table and file). The day's
       "pain during exercise" in the diary is the highest check of the day's sessions while the sessions filled it in;
       a score the reader typed for that day is theirs, and a session never changes it. */
    function finish() {
      var exercises = s.results.map(function (r) { return { card: r.card, name: r.name, sets: r.sets, done: r.done, pain: r.pain }; });
      var before = sessionsHigh(s.date);
      var logged = log.addSession({ date: s.date, source: chosen.name, exercises: exercises });
      var scores = exercises.map(function (e) { return e.pain; }).filter(function (p) { return p !== null; });
      var days = diary.readDiary();
      if (scores.length) {
        var high = Math.max.apply(null, scores.concat(before === null ? [] : [before]));
        var day = days.filter(function (d) { return d.date === s.date; })[0];
        if (!day) {
          days.push({ date: s.date, during: high, morning: null, note: "Guided session" });
          days.sort(diary.byDate);
        } else if (day.during === null || day.during === before) { day.during = high; } // else the reader's own: kept
        logged = diary.writeDiary(days) && logged;
      }
      if (!logged) { ui.message("Your browser did not let this page store the session in your diary."); }
      ui.drawSummary(s, new Date(s.date + "T12:00:00").toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" }));
    }
    function changed(events, moved) {
      if (!events.length) { return; }
      keep();
      var last = events[events.length - 1];
      if (last === "done") { finish(); }
      if (last !== "count" && last !== "pause" && last !== "resume") { cues.signal(choice, last === "rep" || last === "hold"); }
      draw();
      ui.say(viewPart.announce(s, events));
      if (moved || last === "exercise" || last === "pain-check" || last === "done") { ui.focusName(); }
    }
    function tick() {
      changed(machine.advance(s, Date.now()));
      draw();
    }

    function act(name, handler) {
      root.querySelector('[data-session-action="' + name + '"]').addEventListener("click", function (event) {
        event.preventDefault();
        changed(machine.advance(s, Date.now()));
        changed(handler());
      });
    }
    act("start", function () { return machine.start(s, Date.now()); });
    act("pause", function () { return machine.pause(s, Date.now()); });
    act("skip", function () { return machine.skip(s); });
    act("rep", function () { return machine.rep(s, Date.now()); });
    act("stop", function () { return machine.stop(s); });
    root.querySelector("[data-session-pain]").addEventListener("submit", function (event) {
      event.preventDefault();
      changed(machine.next(s, ui.painScore()));
    });
    root.querySelector("[data-session-again]").addEventListener("click", function () {
      s = machine.create(chosen.items, chosen.source, todayIso());
      keep();
      draw();
      ui.say("The session starts again. " + viewPart.announce(s, ["exercise"]).replace(/^Next exercise, /, "Exercise "));
      ui.focusName();
    });
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") { tick(); } });

    root.querySelector("[data-session-js]").hidden = false;
    changed(machine.advance(s, Date.now())); // time that passed while the page was closed
    draw();
    ui.say(resumed ? "Your session resumes where you left it: " + s.phase.replace("-", " ") + ", " + machine.current(s).name + "." :
      "Exercise 1 of " + s.items.length + ": " + machine.current(s).name + ". Press Start when ready.");
    window.setInterval(tick, TICK_MS);
  }

  /* A player that fails to start is switched off with a warning and a message, never a broken page. */
  function start() {
    try { setup(); } catch (error) {
      var root = document.querySelector("[data-calf-session]");
      if (root) {
        root.querySelector("[data-session-js]").hidden = true;
        root.querySelector("[data-session-message-text]").textContent = "The session player could not start in this browser. Print My plan instead.";
        root.querySelector("[data-session-message]").hidden = false;
      }
      if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: session player is off.", error); }
    }
  }
  if (document.readyState !== "loading" || document.querySelector("[data-calf-session]")) { start(); } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
