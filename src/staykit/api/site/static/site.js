// staykit's guest pages work without this file; it only adds conveniences.
"use strict";
(function () {
  // Forms with data-confirm ask once more before they are sent (cancelling a trip).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // A check-out date is never before the check-in date picked.
  document.querySelectorAll("input[name=checkIn]").forEach(function (checkIn) {
    var out = checkIn.form && checkIn.form.querySelector("input[name=checkOut]");
    if (!out) return;
    checkIn.addEventListener("change", function () {
      out.min = checkIn.value;
      if (out.value && out.value <= checkIn.value) out.value = "";
    });
  });
  // Stripe's Payment Element, when the page offers it: the card becomes a payment
  // method, whose id the form sends; the server charges it (never a client's amount).
  var holder = document.getElementById("payment-element");
  if (holder && window.Stripe) {
    var stripe = window.Stripe(holder.getAttribute("data-key"));
    var elements = stripe.elements({
      mode: "payment",
      amount: parseInt(holder.getAttribute("data-amount"), 10),
      currency: holder.getAttribute("data-currency").toLowerCase(),
      paymentMethodCreation: "manual",
    });
    elements.create("payment").mount(holder);
    var form = holder.closest("form");
    form.addEventListener("submit", function (event) {
      var field = form.querySelector("input[name=payment_method]");
      if (field.value) return;
      event.preventDefault();
      elements.submit().then(function (submitted) {
        if (submitted.error) throw submitted.error;
        return stripe.createPaymentMethod({ elements: elements });
      }).then(function (result) {
        if (result.error) throw result.error;
        field.value = result.paymentMethod.id;
        form.submit();
      }).catch(function (error) {
        var shown = document.getElementById("payment-error");
        shown.textContent = error.message || "The card could not be used.";
        shown.hidden = false;
      });
    });
  }
})();
