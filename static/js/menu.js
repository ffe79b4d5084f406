// The main navigation's menus are <details>: they open and close without this file, by mouse,
// touch or keyboard. This only tidies up: on a wide screen the bar is open whatever the
// "Menu" button was left at; a menu closes when another opens, on Escape (focus back on its
// button), and when the pointer goes elsewhere.
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu) return;
  var groups = Array.prototype.slice.call(menu.querySelectorAll("[data-nav-group]"));
  var wide = window.matchMedia("(min-width: 44rem)");

  function fit() {
    if (wide.matches) menu.open = true;
  }
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);

  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) return;
      groups.forEach(function (other) {
        if (other !== group) other.open = false;
      });
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    // The innermost open menu around the focus closes, one Escape at a time.
    var around = groups.concat(wide.matches ? [] : [menu]).filter(function (open) {
      return open.open && open.contains(document.activeElement);
    })[0];
    if (around) {
      around.open = false;
      around.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) {
      if (group.open && !group.contains(event.target)) group.open = false;
    });
  });
})();
