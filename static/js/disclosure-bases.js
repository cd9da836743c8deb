/* Disclosure documents in the admin: offer only the legal bases of the chosen organization's
   kind (a school has no Article 10, the center no Article 8). Optional: without it every
   basis the user may publish under is listed, and saving refuses one that does not fit the
   organization, with a message saying so. The mapping comes from the server
   (disclosures.models.bases_for), in data attributes of the basis list. The admin loads it
   in the page's head, so it waits for the form. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var basis = document.getElementById("id_basis");
  var organization = document.getElementById("id_organization");
  if (!basis || !organization || !basis.dataset.kindBases) return;
  var kindOf = JSON.parse(basis.dataset.organizationKinds);
  var basesOf = JSON.parse(basis.dataset.kindBases);

  function narrow() {
    var allowed = basesOf[kindOf[organization.value]];
    Array.prototype.forEach.call(basis.options, function (option) {
      var fits = !option.value || !allowed || allowed.indexOf(option.value) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
    });
    if (basis.selectedOptions.length && basis.selectedOptions[0].disabled) basis.value = "";
  }

  organization.addEventListener("change", narrow);
  narrow();
});
