import { expect, APIRequestContext } from "@playwright/test";

/// Gift certificates issued on the test server (as `server gift-certificates issue`
/// does): their codes, grouped as printed.
export async function issueCertificates(request: APIRequestContext, baseURL: string, roubles: number, count: number): Promise<string[]> {
  const res = await request.post("/dev/gift-certificates", {
    form: { amount: String(roubles), count: String(count) },
    headers: { Origin: baseURL },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as string[];
}

/// Activates a certificate for the signed-in shopper through the server function, as
/// a hydrated page calls it.
export async function activateCertificate(request: APIRequestContext, baseURL: string, code: string) {
  const res = await request.post("/api/wallet/certificates/activate", {
    form: { code },
    headers: { Accept: "application/json", Origin: baseURL },
  });
  expect(res.status()).toBe(200);
}
