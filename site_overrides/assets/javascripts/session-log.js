/* Calf Pain Guide: the log of guided sessions done (date, exercises, sets done, pain checks): part "session-log". */
/* Kept in this browser's localStorage only, beside the pain diary, through the storage helpers of guide.js
   (window.calfGuide); the diary shows it in its table and includes it in its file. Record only: nothing here judges a
   score. Stored data and imported files are never trusted: the shape, sizes and every value are checked. */
(function () {
  "use strict";
  var calf = window.calfGuide;
  if (!calf) { return; }
  var KEY = "calf-guide-sessions";
  var FORMAT = "calf-guide-sessions";
  var VERSION = 1;
  var MAX_SESSIONS = 1000;
  var MAX_EXERCISES = 50;
  var MAX_CHARS = 400000;
  var NAME_MAX = 100;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function whole(n, lo, hi) { return typeof n === "number" && Math.floor(n) === n && n >= lo && n <= hi; }
  function exerciseOk(e) {
    return e && typeof e === "object" && calf.isCardId(e.card) && typeof e.name === "string" && e.name.length <= NAME_MAX &&
      whole(e.sets, 1, 20) && whole(e.done, 0, e.sets) && (e.pain === null || whole(e.pain, 0, 10));
  }
  /* Why one session is not valid, or "" if it is. */
  function problem(s) {
    if (!s || typeof s !== "object" || Array.isArray(s)) { return "is not a session"; }
    if (typeof s.date !== "string" || !DATE.test(s.date)) { return "has no valid date (YYYY-MM-DD)"; }
    if (typeof s.source !== "string" || s.source.length > NAME_MAX) { return "does not say where its exercises came from"; }
    if (!Array.isArray(s.exercises) || !s.exercises.length || s.exercises.length > MAX_EXERCISES) {
      return "has no list of exercises";
    }
    if (!s.exercises.every(exerciseOk)) { return "has an exercise with sets or a pain score out of range"; }
    return "";
  }
  function clean(s) {
    return {
      date: s.date, source: s.source,
      exercises: s.exercises.map(function (e) {
        return { card: e.card, name: e.name, sets: e.sets, done: e.done, pain: e.pain };
      })
    };
  }
  function byDate(a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; }

  /* The stored sessions, oldest first; anything invalid is dropped (a corrupt store is removed), never thrown.
     `dropped` (optional) is told when something was. */
  function readSessions(dropped) {
    var data = calf.readJSON(KEY, MAX_CHARS);
    if (data === undefined) { return []; }
    var list = data && typeof data === "object" && data.format === FORMAT && data.version === VERSION ? data.sessions : null;
    if (!Array.isArray(list) || list.length > MAX_SESSIONS) { calf.forget(KEY); if (dropped) { dropped(); } return []; }
    var sessions = list.filter(function (s) { return !problem(s); }).map(clean).sort(byDate);
    if (sessions.length !== list.length) {
      writeSessions(sessions);
      if (dropped) { dropped(); }
    }
    return sessions;
  }
  function writeSessions(sessions) {
    if (!sessions.length) { calf.forget(KEY); return true; }
    return calf.save(KEY, { format: FORMAT, version: VERSION, sessions: sessions.slice(-MAX_SESSIONS) });
  }
  function addSession(session) {
    if (problem(session)) { return false; }
    var sessions = readSessions();
    sessions.push(clean(session));
    sessions.sort(byDate);
    return writeSessions(sessions);
  }
  /* Sessions from a diary file: the list, or a message saying what is wrong. Strict: one bad session rejects it. */
  function parseList(list) {
    if (!Array.isArray(list)) { return { error: "its list of sessions is not a list." }; }
    if (list.length > MAX_SESSIONS) { return { error: "it has more than " + MAX_SESSIONS + " sessions." }; }
    for (var i = 0; i < list.length; i += 1) {
      var why = problem(list[i]);
      if (why) { return { error: "session " + (i + 1) + " in the file " + why + "." }; }
    }
    return { sessions: list.map(clean) };
  }
  /* Sessions in `add` that are not already in `have` (the same session twice is kept once). */
  function merge(have, add) {
    var seen = Object.create(null);
    have.forEach(function (s) { seen[JSON.stringify(s)] = true; });
    return have.concat(add.filter(function (s) { return !seen[JSON.stringify(s)]; })).sort(byDate);
  }
  /* The Monday that starts the week of an ISO date, as an ISO date. */
  function weekStart(iso) {
    var d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }
  function doneThisWeek(sessions, today) {
    var from = weekStart(today);
    return sessions.filter(function (s) { return s.date >= from && s.date <= today; }).length;
  }
  /* The diary's table of sessions, newest first: the date, each exercise with sets done, each pain check. */
  function drawSessions(body, sessions, dateText) {
    body.textContent = "";
    sessions.slice().reverse().forEach(function (s) {
      var row = document.createElement("tr");
      var when = document.createElement("th");
      when.scope = "row";
      when.textContent = dateText(s.date);
      row.appendChild(when);
      var done = document.createElement("td");
      var pain = document.createElement("td");
      var doneList = document.createElement("ul");
      var painList = document.createElement("ul");
      s.exercises.forEach(function (e) {
        var a = document.createElement("li");
        a.textContent = e.name + ": " + e.done + " of " + e.sets + (e.sets === 1 ? " set" : " sets");
        doneList.appendChild(a);
        var b = document.createElement("li");
        b.textContent = e.name + ": " + (e.pain === null ? "not recorded" : String(e.pain));
        painList.appendChild(b);
      });
      done.appendChild(doneList);
      pain.appendChild(painList);
      row.appendChild(done);
      row.appendChild(pain);
      body.appendChild(row);
    });
  }

  calf.provide("session-log", {
    readSessions: readSessions, writeSessions: writeSessions, addSession: addSession, parseList: parseList,
    merge: merge, doneThisWeek: doneThisWeek, weekStart: weekStart, drawSessions: drawSessions,
    forget: function () { calf.forget(KEY); }
  });
})();
