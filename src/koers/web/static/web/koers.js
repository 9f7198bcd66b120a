// Move focus to the error summary after a refused form, so screen readers read it first.
document.addEventListener("DOMContentLoaded", function () {
  var samenvatting = document.getElementById("foutsamenvatting");
  if (samenvatting) {
    samenvatting.focus();
  }
});

// On a phone the main menu folds behind its "Menu" button; from 48em up it is always open.
document.addEventListener("DOMContentLoaded", function () {
  var knop = document.getElementById("menuknop");
  if (!knop) {
    return;
  }
  var smal = window.matchMedia("(max-width: 47.99em)");
  function pasAan() {
    knop.hidden = !smal.matches;
    knop.setAttribute("aria-expanded", smal.matches ? "false" : "true");
  }
  knop.addEventListener("click", function () {
    var open = knop.getAttribute("aria-expanded") === "true";
    knop.setAttribute("aria-expanded", open ? "false" : "true");
  });
  smal.addEventListener("change", pasAan);
  pasAan();
});
