/* When a form comes back with problems, move focus to the summary so it is read out first. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
