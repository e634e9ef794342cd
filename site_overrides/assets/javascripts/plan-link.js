/* Calf Pain Guide, My plan: the hand-off link's #plan= codec (encode, and decode with checks): part "link". */
(function () {
  "use strict";
  var store = window.calfGuide;
  var dose = store && store.part("dose");
  if (!dose) { return; } // plan.js or plan-dose.js did not run: the page keeps its no-JavaScript text
  var isCardId = store.isCardId, cleanDose = dose.cleanDose;
  var LINK_MAX_ITEMS = 30; // a hand-off link: enough for any home programme, small enough for a QR code
  var LINK_MAX_CHARS = 4000;
  var LINK_VERSION = 1;

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

  store.provide("link", { encodeLink: encodeLink, decodeLink: decodeLink });
})();
