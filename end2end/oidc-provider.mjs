// Real OpenID providers on loopback for the browser tests (npm oidc-provider, its
// development login and consent pages). The login typed there becomes the identity:
// "+79501234567" vouches for that verified phone, "a@b.ru" for that verified email.
//
// Two issuers, as the two kinds of provider behave: on OIDC_PORT ("Sber ID") the ID
// token carries only the subject and the phone and email come from the userinfo
// endpoint; on OIDC_PORT + 1 ("Apple") the claims are in the ID token itself.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3198);
const rp = process.env.RP_URL ?? "http://localhost:3197";

function start(port, claimsInIdToken) {
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
    // true (the standard's default): scope claims only at userinfo for the code flow.
    conformIdTokenClaims: !claimsInIdToken,
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
}

start(port, false);
start(port + 1, true);
