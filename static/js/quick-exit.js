/* Quick exit: one click on the button, or Shift pressed three times in a row, blanks this
   page, signs the person out, and replaces the page (and its place in history) with a
   neutral site. Any other key in between starts the count again, so typing capital letters
   never triggers it. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) { return; }
  var target = button.getAttribute("href");
  var signOutUrl = button.getAttribute("data-sign-out-url");
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var leaving = false;

  function go() {
    window.location.replace(target);
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    // Blank the page at once; leave as soon as the sign-out is answered, and never wait
    // more than a moment for it.
    document.title = "";
    document.body.innerHTML = "";
    document.body.style.background = "#fff";
    if (!signOutUrl || !csrf || !window.fetch) { go(); return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf.getAttribute("content"));
    setTimeout(go, 400);
    fetch(signOutUrl, {method: "POST", body: data, credentials: "same-origin",
                       keepalive: true, redirect: "manual"}).then(go, go);
  }

  button.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    if (event.repeat) { return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { presses = 0; leave(); return; }
    timer = setTimeout(function () { presses = 0; }, 1000);
  });
})();
