/* Quick exit: one click on the button, or Shift pressed three times, blanks this page and
   replaces it (and its place in history) with a neutral site. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) { return; }
  var target = button.getAttribute("href");

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = "";
    document.body.innerHTML = "";
    document.body.style.background = "#fff";
    window.location.replace(target);
  }

  button.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { presses = 0; leave(); return; }
    timer = setTimeout(function () { presses = 0; }, 1000);
  });
})();
