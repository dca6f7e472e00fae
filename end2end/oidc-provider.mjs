// A real OpenID provider on loopback for the browser tests (npm oidc-provider, its
// development login and consent pages). The login typed there becomes the identity:
// "+79501234567" vouches for that verified phone, "a@b.ru" for that verified email.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3198);
const rp = process.env.RP_URL ?? "http://localhost:3197";
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "rynok",
      client_secret: "rynok-test-secret",
      redirect_uris: [`${rp}/auth/oidc/sber/callback`, `${rp}/auth/oidc/apple/callback`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  scopes: ["openid", "email", "phone"],
  claims: { openid: ["sub"], email: ["email", "email_verified"], phone: ["phone_number", "phone_number_verified"] },
  // Put the scopes' claims in the ID token, as Sber ID and Apple do.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ["e2e-only-not-a-secret"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        const claims = { sub: `subject-${id}` };
        if (id.startsWith("+")) Object.assign(claims, { phone_number: id, phone_number_verified: true });
        if (id.includes("@")) Object.assign(claims, { email: id, email_verified: true });
        return claims;
      },
    };
  },
});
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider on ${issuer}`));
