/* Calf Pain Guide: "where am I" on programme stages. The reader marks one stage of a programme as their current
   stage; the mark is kept in this browser only (localStorage) and never sent anywhere. Without JavaScript the
   buttons stay hidden and the stages read as a plain list. */
(function () {
  "use strict";
  var store = window.calfGuide; // the storage helpers of guide.js (loaded before this script)
  if (!store) { return; } // guide.js did not run: the stages read as a plain list
  var KEY = "calf-guide-stage";
  /* Stored data is never trusted: another script, an old version or a hand edit may have written anything.
     The only valid shape is an object of programme id -> stage number, e.g. {"achilles-loading": 2}. */
  var MAX_CHARS = 2000;
  var MAX_PROGRAMMES = 50;
  var MAX_STAGE = 16; // the maxItems of stages in content/schemas/program.schema.json
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // the slug pattern of content/schemas/program.schema.json
  var ID_MAX = 100;

  function forget() { store.forget(KEY); }
  /* With storage off the mark lasts this page only. */
  function write(marks) {
    if (Object.keys(marks).length) { store.save(KEY, marks); } else { forget(); }
  }

  /* The stored marks, cleaned: only well-formed ids with a whole stage number in range survive. `sizes` maps the
     programmes on this page to their number of stages, so a mark beyond a programme's last stage is dropped too.
     Anything else is reset quietly, never thrown. */
  function read(sizes) {
    var data = store.readJSON(KEY, MAX_CHARS); // undefined: nothing stored (or storage off); null: not JSON or too long
    if (data === undefined) { return Object.create(null); }
    if (!data || typeof data !== "object" || Array.isArray(data)) { forget(); return Object.create(null); }
    var keys = Object.keys(data);
    if (keys.length > MAX_PROGRAMMES) { forget(); return Object.create(null); }
    var marks = Object.create(null);
    keys.forEach(function (id) {
      var stage = data[id];
      var limit = Object.prototype.hasOwnProperty.call(sizes, id) ? sizes[id] : MAX_STAGE;
      if (id.length <= ID_MAX && ID.test(id) && typeof stage === "number" && Math.floor(stage) === stage &&
        stage >= 1 && stage <= limit) {
        marks[id] = stage;
      }
    });
    if (Object.keys(marks).length !== keys.length) { write(marks); }
    return marks;
  }

  function setup() {
    var roots = Array.prototype.slice.call(document.querySelectorAll("[data-calf-stages]"));
    if (!roots.length) { return; }
    var sizes = Object.create(null);
    roots.forEach(function (root) {
      var id = root.getAttribute("data-calf-stages");
      sizes[id] = root.querySelectorAll("[data-stage]").length;
    });

    function show(root, current) {
      root.querySelectorAll("[data-stage]").forEach(function (stage) {
        var here = Number(stage.getAttribute("data-stage")) === current;
        stage.classList.toggle("calf-stage--current", here);
        stage.querySelector("[data-stage-here]").hidden = !here;
        stage.querySelector("[data-stage-mark]").setAttribute("aria-pressed", here ? "true" : "false");
      });
    }

    roots.forEach(function (root) {
      var id = root.getAttribute("data-calf-stages");
      var status = root.querySelector("[data-stage-status]");
      show(root, read(sizes)[id]);
      root.querySelectorAll("[data-stage]").forEach(function (stage) {
        var number = Number(stage.getAttribute("data-stage"));
        var button = stage.querySelector("[data-stage-mark]");
        var name = stage.querySelector(".calf-stage__title").textContent.replace(/\s+/g, " ").trim();
        button.hidden = false;
        button.addEventListener("click", function () {
          var marks = read(sizes);
          var unmark = marks[id] === number;
          if (unmark) { delete marks[id]; } else { marks[id] = number; }
          write(marks);
          show(root, marks[id]);
          status.textContent = unmark ? name + ": no longer marked as your current stage." :
            name + ": marked as your current stage. It is kept in this browser only.";
        });
      });
      var note = root.querySelector("[data-stage-nojs]");
      if (note) { note.hidden = true; }
    });
  }

  function start() {
    try { setup(); } catch (error) {
      if (window.console && window.console.warn) { window.console.warn("Calf Pain Guide: stage marks are off.", error); }
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
