// Hides the questions of a declaration that its answers make irrelevant (`show_if` in the
// catalog). Without JavaScript every question shows and the server ignores the irrelevant
// ones; with it, the page asks only what applies.
(function () {
  "use strict";
  var data = document.getElementById("declaration-conditions");
  if (!data) { return; }
  var conditions = JSON.parse(data.textContent);
  var form = data.closest("form") || document;

  function valueOf(name) {
    var inputs = form.querySelectorAll("[name='field_" + name + "']");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { continue; }
      return input.value;
    }
    return "";
  }

  function update() {
    Object.keys(conditions).forEach(function (field) {
      var parts = conditions[field].split("=");
      var given = valueOf(parts[0].trim());
      var wanted = parts.length > 1 ? parts.slice(1).join("=").trim() : null;
      var shown = wanted === null ? given !== "" : given === wanted;
      var box = form.querySelector("[data-field='" + field + "']");
      if (box) { box.hidden = !shown; }
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
