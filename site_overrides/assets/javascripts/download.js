/* Calf Pain Guide, "Use it offline": the zip's and the PDF's size next to their links, read from download/edition.js
   (written by the build after the zip, so the page itself never needs the size of the zip that holds it). */
(function () {
  "use strict";
  var box = document.querySelector("[data-edition]");
  if (!box) { return; }
  if (window.location.protocol === "file:") {
    // A downloaded copy: download/ is not in the zip, so its links lead nowhere. Say where newer copies come from.
    box.querySelector("[data-edition-files]").hidden = true;
    box.querySelector("[data-edition-offline]").hidden = false;
    return;
  }
  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1) + " MB (" + bytes.toLocaleString("en-GB") + " bytes)";
  }
  function show(edition) {
    var folder = box.getAttribute("data-edition-src").replace(/edition\.js$/, "");
    edition.files.forEach(function (file) {
      var size = box.querySelector('[data-edition-size="' + file.kind + '"]');
      var link = box.querySelector('[data-edition-link="' + file.kind + '"]');
      if (!size || !link) { return; }
      size.textContent = ", " + megabytes(file.bytes);
      link.setAttribute("href", folder + file.name);
      if (file.kind === "pdf") { box.querySelector("[data-edition-pdf]").hidden = false; }
      if (file.kind === "zip" && file.sha256) {
        box.querySelector("[data-edition-sha256]").textContent = file.sha256;
        box.querySelector("[data-edition-sum]").hidden = false;
      }
    });
  }
  var script = document.createElement("script");
  script.src = box.getAttribute("data-edition-src");
  script.onload = function () { if (window.calfEdition) { show(window.calfEdition); } };
  document.head.appendChild(script);
})();
