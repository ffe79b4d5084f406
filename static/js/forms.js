/* When a form comes back with problems, move focus to the summary so it is read out first. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();

/* Buttons that delete something ask first (data-confirm holds the question). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();

/* A radio group marked data-reveal shows, for the picked choice, the field whose id is
   id_<choice> and hides the others' (e.g. "Assign to: everyone with a role" shows Role). */
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[type=radio][data-reveal]");
  if (!radios.length) { return; }
  function update() {
    radios.forEach(function (radio) {
      var target = document.getElementById("id_" + radio.value);
      var box = target && (target.closest(".field") || target);
      if (box) { box.hidden = !radio.checked; }
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
