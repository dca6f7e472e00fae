// The browser half of passkeys: WebAuthn wants ArrayBuffers, the server speaks
// base64url JSON (webauthn-rs). Served as a wasm-bindgen snippet from our origin.

function toBuf(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
}

function toB64u(buf) {
  let bin = "";
  for (const byte of new Uint8Array(buf)) bin += String.fromCharCode(byte);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function passkeysSupported() {
  return typeof window.PublicKeyCredential === "function" && !!navigator.credentials;
}

export async function createPasskey(optionsJson) {
  const o = JSON.parse(optionsJson).publicKey;
  o.challenge = toBuf(o.challenge);
  o.user.id = toBuf(o.user.id);
  for (const c of o.excludeCredentials || []) c.id = toBuf(c.id);
  const cred = await navigator.credentials.create({ publicKey: o });
  return JSON.stringify({
    id: cred.id,
    rawId: toB64u(cred.rawId),
    type: cred.type,
    response: {
      attestationObject: toB64u(cred.response.attestationObject),
      clientDataJSON: toB64u(cred.response.clientDataJSON),
      transports: cred.response.getTransports ? cred.response.getTransports() : [],
    },
    extensions: cred.getClientExtensionResults(),
  });
}

export async function getPasskey(optionsJson) {
  const o = JSON.parse(optionsJson).publicKey;
  o.challenge = toBuf(o.challenge);
  for (const c of o.allowCredentials || []) c.id = toBuf(c.id);
  const cred = await navigator.credentials.get({ publicKey: o });
  return JSON.stringify({
    id: cred.id,
    rawId: toB64u(cred.rawId),
    type: cred.type,
    response: {
      authenticatorData: toB64u(cred.response.authenticatorData),
      clientDataJSON: toB64u(cred.response.clientDataJSON),
      signature: toB64u(cred.response.signature),
      userHandle: cred.response.userHandle ? toB64u(cred.response.userHandle) : null,
    },
    extensions: cred.getClientExtensionResults(),
  });
}
