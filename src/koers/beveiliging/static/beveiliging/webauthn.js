/* Security keys (WebAuthn): the browser side of adding a key and of using one to log in.
   A button with data-webauthn="registreren" or "inloggen" carries the options from Koers in
   data-webauthn-opties; the signed answer goes into the form's hidden field "credential" and
   the form is posted. Without WebAuthn (or JavaScript) the button stays hidden. */
(function () {
  "use strict";

  function naarBytes(tekst) {
    var b64 = tekst.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var ruw = atob(b64);
    var bytes = new Uint8Array(ruw.length);
    for (var i = 0; i < ruw.length; i++) { bytes[i] = ruw.charCodeAt(i); }
    return bytes.buffer;
  }

  function naarTekst(buffer) {
    var bytes = new Uint8Array(buffer);
    var ruw = "";
    for (var i = 0; i < bytes.length; i++) { ruw += String.fromCharCode(bytes[i]); }
    return btoa(ruw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(lijst) {
    return (lijst || []).map(function (d) {
      return { type: d.type, id: naarBytes(d.id), transports: d.transports };
    });
  }

  function alsJson(credential) {
    var r = credential.response;
    var uit = {
      id: credential.id,
      rawId: naarTekst(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: naarTekst(r.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (credential.authenticatorAttachment) { uit.authenticatorAttachment = credential.authenticatorAttachment; }
    if (r.attestationObject) {
      uit.response.attestationObject = naarTekst(r.attestationObject);
      if (r.getTransports) { uit.response.transports = r.getTransports(); }
    }
    if (r.authenticatorData) {
      uit.response.authenticatorData = naarTekst(r.authenticatorData);
      uit.response.signature = naarTekst(r.signature);
      uit.response.userHandle = r.userHandle ? naarTekst(r.userHandle) : null;
    }
    return uit;
  }

  function start(knop) {
    var formulier = knop.closest("form");
    var fout = formulier.querySelector("[data-webauthn-fout]");
    var opties = JSON.parse(knop.getAttribute("data-webauthn-opties"));
    var publicKey = Object.assign({}, opties, { challenge: naarBytes(opties.challenge) });
    var verzoek;
    if (knop.getAttribute("data-webauthn") === "registreren") {
      publicKey.user = Object.assign({}, opties.user, { id: naarBytes(opties.user.id) });
      publicKey.excludeCredentials = descriptors(opties.excludeCredentials);
      verzoek = navigator.credentials.create({ publicKey: publicKey });
    } else {
      publicKey.allowCredentials = descriptors(opties.allowCredentials);
      verzoek = navigator.credentials.get({ publicKey: publicKey });
    }
    if (fout) { fout.hidden = true; }
    knop.disabled = true;
    verzoek.then(function (credential) {
      formulier.querySelector("input[name=credential]").value = JSON.stringify(alsJson(credential));
      formulier.submit();
    }).catch(function () {
      knop.disabled = false;
      if (fout) { fout.hidden = false; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.PublicKeyCredential || !navigator.credentials) { return; }
    document.querySelectorAll("[data-webauthn]").forEach(function (knop) {
      knop.hidden = false;
      knop.addEventListener("click", function (event) {
        event.preventDefault();
        start(knop);
      });
    });
  });
})();
