// Passkeys (WebAuthn): progressive enhancement. Without this script, or without WebAuthn in the browser,
// the passkey buttons stay hidden and the forms work as they are.
(function () {
  "use strict";

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || "refused"); }
        return data;
      });
    });
  }

  function serialize(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toBase64url(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      out.response.attestationObject = toBase64url(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.response.authenticatorData = toBase64url(response.authenticatorData);
      out.response.signature = toBase64url(response.signature);
      out.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
    }
    return out;
  }

  function status(button, text) {
    var target = document.getElementById(button.getAttribute("data-status"));
    if (target) { target.textContent = text; }
  }

  function login(button) {
    var csrf = button.getAttribute("data-csrf");
    post(button.getAttribute("data-options"), csrf).then(function (options) {
      options.challenge = toBytes(options.challenge);
      (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      return post(button.getAttribute("data-verify"), csrf, {
        credential: serialize(credential),
        pending: button.getAttribute("data-pending") || "",
        next: button.getAttribute("data-next") || ""
      });
    }).then(function (result) {
      window.location.assign(result.redirect);
    }).catch(function () {
      status(button, button.getAttribute("data-failed"));
    });
  }

  function register(button) {
    var csrf = button.getAttribute("data-csrf");
    post(button.getAttribute("data-options"), csrf).then(function (options) {
      options.challenge = toBytes(options.challenge);
      options.user.id = toBytes(options.user.id);
      (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      return post(button.getAttribute("data-verify"), csrf, { credential: serialize(credential) });
    }).then(function (result) {
      status(button, result.message);
    }).catch(function () {
      status(button, button.getAttribute("data-failed"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.PublicKeyCredential || !navigator.credentials) { return; }
    document.querySelectorAll("[data-passkey]").forEach(function (button) {
      var container = document.getElementById(button.getAttribute("data-container"));
      if (container) { container.hidden = false; }
      button.addEventListener("click", function () {
        if (button.getAttribute("data-passkey") === "register") { register(button); } else { login(button); }
      });
    });
  });
})();
