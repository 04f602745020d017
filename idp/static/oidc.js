// Form post response mode: submit the answer to the client at once.
// Front-channel logout: continue once every logout frame has loaded (or after 3 seconds at most).
(function () {
  "use strict";
  var form = document.getElementById("oidc-form-post");
  if (form) { form.submit(); return; }
  var next = document.getElementById("oidc-continue");
  if (!next) { return; }
  var frames = document.querySelectorAll("iframe.logout-frame");
  var pending = frames.length;
  var go = function () { window.location.assign(next.getAttribute("href")); };
  if (pending === 0) { go(); return; }
  frames.forEach(function (frame) {
    frame.addEventListener("load", function () { pending -= 1; if (pending === 0) { go(); } });
  });
  window.setTimeout(go, 3000);
}());
