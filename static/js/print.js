/* "Print" buttons ([data-print], hidden until this runs): the browser's print dialog.
   Without JavaScript the page says to use the browser's menu instead. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
