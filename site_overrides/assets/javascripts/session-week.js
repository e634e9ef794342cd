/* Calf Pain Guide, My plan: the session start button, and the guided sessions done this week beside the plan. */
/* Record only: it counts the sessions in the session log (session-log.js) since Monday and states the plan's own
   frequency (the most often any exercise in it is to be done, with a physiotherapist's changes, plan-dose.js); it
   never judges the numbers. Loaded after plan-dose.js and before my-plan.js, which shows the part of the page this
   fills; uses window.calfGuide (guide.js) and plan.js's plan store. */
(function () {
  "use strict";
  var calf = window.calfGuide;
  var log = calf && calf.part("session-log"), dosePart = calf && calf.part("dose");
  if (!log || !dosePart) { return; }

  function todayIso() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }
  /* The plan's sessions a week: the highest weekly frequency among its exercises (a session does the whole plan). */
  function plannedPerWeek(cards, plan) {
    var doses = dosePart.readDoses(plan);
    return plan.reduce(function (most, id) {
      if (!cards[id]) { return most; }
      var d = dosePart.merged(cards[id], doses[id]);
      return Math.max(most, d.p === "day" ? d.t * 7 : d.t);
    }, 0);
  }
  function show() {
    var line = document.querySelector("[data-session-week]");
    var template = document.querySelector("template[data-plan-cards]");
    if (!line || !template) { return; }
    var cards = Object.create(null);
    template.content.querySelectorAll("[data-card]").forEach(function (el) { cards[el.getAttribute("data-card")] = el; });
    var planned = plannedPerWeek(cards, calf.part("plan").readPlan());
    document.querySelector("[data-session-plan]").hidden = !planned; // the start button, for a plan with exercises
    if (!planned) { line.hidden = true; return; }
    var dropped = false;
    var done = log.doneThisWeek(log.readSessions(function () { dropped = true; }), todayIso());
    line.textContent = "Guided sessions done this week (since Monday): " + done + ". Your plan: " + planned +
      (planned === 1 ? " session" : " sessions") + " a week." +
      (dropped ? " Some saved sessions could not be read, so they were left out." : "");
    line.hidden = false;
  }
  calf.guard("sessions this week", show);
})();
