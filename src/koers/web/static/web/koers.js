// Move focus to the error summary after a refused form, so screen readers read it first.
document.addEventListener("DOMContentLoaded", function () {
  var samenvatting = document.getElementById("foutsamenvatting");
  if (samenvatting) {
    samenvatting.focus();
  }
});
