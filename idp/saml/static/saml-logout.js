// Single logout: once the other applications' logout frames have loaded, go back to the initiating SP.
window.addEventListener("load", function () {
  var target = document.getElementById("saml-logout");
  if (!target) { return; }
  if (target.tagName === "FORM") { target.submit(); } else { window.location.replace(target.dataset.url); }
});
