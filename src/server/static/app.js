// recours — a little JavaScript on top of a page that works without it: questions that do
// not apply are hidden, and the explanation follows the answers.
(function () {
  "use strict";
  var form = document.getElementById("formulaire");
  if (!form) { return; }
  var panel = document.getElementById("explication");

  function value(name) {
    var els = form.elements[name];
    if (!els) { return ""; }
    if (els.length !== undefined && !els.tagName) {
      for (var i = 0; i < els.length; i++) { if (els[i].checked) { return els[i].value; } }
      return "";
    }
    return els.value;
  }

  function holds(rule) {
    var neg = rule.indexOf("!=") >= 0;
    var parts = rule.split(neg ? "!=" : "=");
    var values = parts[1].split(",");
    var v = value(parts[0]);
    var inside = values.indexOf(v) >= 0;
    return neg ? !inside : inside;
  }

  function applyConditions() {
    var nodes = form.querySelectorAll("[data-si]");
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].hidden = !holds(nodes[i].getAttribute("data-si"));
    }
    var notes = form.querySelectorAll(".condition");
    for (var j = 0; j < notes.length; j++) { notes[j].hidden = true; }
  }

  var timer = null;
  var seq = 0;
  function refresh() {
    var mine = ++seq;
    var body = new URLSearchParams(new FormData(form));
    fetch("/apercu", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null && mine === seq) { panel.innerHTML = html; } })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 300); }

  form.addEventListener("change", function () { applyConditions(); later(); });
  form.addEventListener("input", later);
  applyConditions();
  refresh();
  var summary = document.getElementById("erreurs");
  if (summary) { summary.focus(); }
})();
