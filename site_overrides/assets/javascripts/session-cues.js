/* Calf Pain Guide session player: sound and vibration at phase changes, and the screen kept on: part "session-cues". */
/* Sound and vibration are off by default; the reader's choice is kept in this browser (localStorage, through guide.js).
   Each works only where the device supports it; the screen's own change always shows. The screen stays on through the
   Wake Lock API where it exists: asked for while a session runs, let go on pause, on leaving and at the end, and asked
   for again when the page comes back (the browser lets go of it when the page is hidden). */
(function () {
  "use strict";
  var calf = window.calfGuide;
  if (!calf) { return; }
  var KEY = "calf-guide-session-cues";

  function readChoice() {
    var data = calf.readJSON(KEY, 200);
    if (data === undefined) { return { sound: false, vibrate: false }; }
    if (!data || typeof data !== "object" || typeof data.sound !== "boolean" || typeof data.vibrate !== "boolean") {
      calf.forget(KEY);
      return { sound: false, vibrate: false };
    }
    return { sound: data.sound, vibrate: data.vibrate };
  }
  function saveChoice(choice) { calf.save(KEY, { sound: !!choice.sound, vibrate: !!choice.vibrate }); }

  var audio = null;
  /* A short beep made on the device (Web Audio), no sound file. `high` marks the start of work. */
  function beep(high) {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      audio = audio || new Context();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = high ? 880 : 520;
      gain.gain.value = 0.15;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.18);
    } catch { /* no sound on this device: the screen shows the change */ }
  }
  function signal(choice, high) {
    if (choice.sound) { beep(high); }
    if (choice.vibrate && navigator.vibrate) {
      try { navigator.vibrate(high ? [120, 80, 120] : 200); } catch { /* not supported */ }
    }
  }

  /* The screen wake lock: want(true) while a session runs, want(false) on pause and at the end. */
  function wakeLock() {
    var wanted = false;
    var lock = null;
    function take() {
      if (!wanted || lock || !navigator.wakeLock || document.visibilityState !== "visible") { return; }
      navigator.wakeLock.request("screen").then(function (sentinel) {
        lock = sentinel;
        sentinel.addEventListener("release", function () { if (lock === sentinel) { lock = null; } });
        if (!wanted) { letGo(); }
      }, function () { /* refused (battery saver, or not allowed): the session works without it */ });
    }
    function letGo() {
      var held = lock;
      lock = null;
      if (held) { held.release().catch(function () { /* already released */ }); }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { take(); } else { letGo(); }
    });
    window.addEventListener("pagehide", letGo);
    return {
      want: function (on) { wanted = !!on; if (wanted) { take(); } else { letGo(); } },
      held: function () { return !!lock; }
    };
  }

  calf.provide("session-cues", { readChoice: readChoice, saveChoice: saveChoice, signal: signal, wakeLock: wakeLock });
})();
