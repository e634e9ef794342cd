/* Exercise figures: play the movement from the start to the end position at the card's tempo (the SVG's own
   <animate> elements, which begin only when started here), with a visible Play/Pause button (WCAG 2.2.2).
   Reduced motion: the figure stays still until you press Play. No JavaScript: the figure is a still picture
   that shows both positions. Print: the animation is stopped, so the page prints both positions. */
(function () {
  "use strict";

  function setup(svg) {
    var animations = svg.querySelectorAll("animate, animateTransform");
    if (!animations.length || typeof svg.pauseAnimations !== "function") { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "calf-figure-motion";
    var started = false;
    var playing = false;

    function show() {
      button.textContent = playing ? "Pause movement" : "Play movement";
      button.setAttribute("aria-pressed", playing ? "true" : "false");
      svg.classList.toggle("is-playing", playing);
    }
    function play() {
      if (!started) {
        animations.forEach(function (a) { a.beginElement(); });
        started = true;
      }
      svg.unpauseAnimations();
      playing = true;
      show();
    }
    function pause() {
      svg.pauseAnimations();
      playing = false;
      show();
    }
    function stop() {
      /* Back to the drawn positions (the still picture): used for print. */
      animations.forEach(function (a) { a.endElement(); });
      started = false;
      playing = false;
      show();
    }
    button.addEventListener("click", function () { if (playing) { pause(); } else { play(); } });
    window.addEventListener("beforeprint", stop);
    /* Print preview and emulated print media may not send beforeprint: watch the print media query as well. */
    var printing = window.matchMedia && window.matchMedia("print");
    if (printing && typeof printing.addEventListener === "function") {
      printing.addEventListener("change", function (event) { if (event.matches) { stop(); } });
    }
    svg.parentNode.insertBefore(button, svg.nextSibling);
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (reduce) { show(); } else { play(); }
  }

  function init() {
    document.querySelectorAll(".calf-figure-box > svg.calf-figure").forEach(setup);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
