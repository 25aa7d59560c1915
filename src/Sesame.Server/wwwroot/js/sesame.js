// Sesame's only script. Every page works without it (quality.md); it adds what needs a browser API:
// passkeys (WebAuthn) and the warning before an idle session ends (WCAG 2.2 SC 2.2.1, Timing Adjustable).
"use strict";

(function passkeys() {
  const supported = window.PublicKeyCredential
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";
  for (const form of document.querySelectorAll("form[data-passkey]")) {
    if (!supported) {
      continue;
    }
    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      if (form.dataset.answered === "true") {
        return;
      }
      event.preventDefault();
      const status = form.querySelector("[data-passkey-status]");
      status.hidden = true;
      try {
        const token = form.querySelector("input[name='__af']").value;
        const response = await fetch(form.dataset.optionsUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ __af: token }),
        });
        if (!response.ok) {
          throw new Error("options " + response.status);
        }
        const challenge = await response.json();
        const options = JSON.parse(challenge.options);
        const credential = form.dataset.passkey === "create"
          ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        form.querySelector("input[name='Passkey.Credential']").value = JSON.stringify(credential);
        form.querySelector("input[name='Passkey.State']").value = challenge.state;
        form.dataset.answered = "true";
        form.submit();
      } catch (error) {
        status.textContent = status.dataset.error;
        status.hidden = false;
      }
    });
  }
})();

(function idleWarning() {
  const dialog = document.getElementById("idle-warning");
  if (!dialog) {
    return;
  }
  const idleSeconds = Number(dialog.dataset.idleSeconds);
  const warnSeconds = Number(dialog.dataset.warnSeconds);
  const stay = dialog.querySelector("form[data-stay]");
  const expired = document.getElementById("idle-expired");
  let warnTimer = 0;
  let endTimer = 0;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => {
      dialog.hidden = false;
      dialog.querySelector("button").focus();
    }, (idleSeconds - warnSeconds) * 1000);
    // The server ends the session at the same moment; signing out here says so instead of failing later.
    endTimer = setTimeout(() => expired.submit(), idleSeconds * 1000);
  }

  stay.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(stay.action, { method: "POST", credentials: "same-origin", redirect: "manual", body: new FormData(stay) });
    if (response.ok) {
      dialog.hidden = true;
      schedule();
    } else {
      expired.submit();
    }
  });
  schedule();
})();
