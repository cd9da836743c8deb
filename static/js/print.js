/* The "Print" button of posters and loudspeaker scripts. Optional: the browser's own print
   command does the same, so the button stays hidden when this file does not run. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
