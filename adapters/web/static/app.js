// Conveniences only: every page works without this script.
// A button with data-confirm asks before its form is sent.
document.addEventListener("submit", function (e) {
  var b = e.submitter;
  if (b && b.dataset && b.dataset.confirm && !window.confirm(b.dataset.confirm)) {
    e.preventDefault();
  }
});
// A button with data-print prints the page.
document.addEventListener("click", function (e) {
  var t = e.target;
  if (t && t.dataset && t.dataset.print !== undefined) {
    e.preventDefault();
    window.print();
  }
});
