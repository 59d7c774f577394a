// The calendar's day buttons fill the range form: the first click sets the first night,
// the second the last (in order), a third starts again. The form works without this.
(function () {
  "use strict";
  function ready() {
    var grid = document.querySelector("[data-calendar]");
    var form = document.querySelector("[data-range-form]");
    if (!grid || !form) return;
    var first = form.querySelector("[name=first]");
    var last = form.querySelector("[name=last]");
    var picked = [];
    function mark() {
      var lo = picked[0], hi = picked[1] || picked[0];
      grid.querySelectorAll("button[data-date]").forEach(function (b) {
        var d = b.getAttribute("data-date");
        b.setAttribute("aria-pressed", lo && d >= lo && d <= hi ? "true" : "false");
      });
    }
    grid.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-date]");
      if (!button) return;
      var day = button.getAttribute("data-date");
      picked = picked.length === 1 ? [picked[0], day].sort() : [day];
      first.value = picked[0];
      last.value = picked[1] || picked[0];
      mark();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
