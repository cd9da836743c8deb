/* "Print" buttons ([data-print], hidden until this runs): the browser's print dialog.
   Without JavaScript the page says to use the browser's menu instead. Safe to load twice (a
   page's own <script> and templates/includes/print_button.html's): each button is wired once. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    if (button.hasAttribute("data-print-ready")) return;
    button.setAttribute("data-print-ready", "");
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
