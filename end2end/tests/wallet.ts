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

/// A personal account number at `bik` whose control key (the 9th digit) agrees,
/// by the Bank of Russia's algorithm: the BIK's last three digits and the account's
/// twenty, weighted 7, 1, 3, …, sum to a multiple of 10.
export function accountNumber(bik: string, tail: string): string {
  const base = ("40817810" + "0" + tail.padStart(11, "0")).split("");
  for (let k = 0; k < 10; k++) {
    base[8] = String(k);
    const digits = bik.slice(6) + base.join("");
    const w = [7, 1, 3];
    const sum = digits.split("").reduce((s, d, i) => s + Number(d) * w[i % 3], 0);
    if (sum % 10 === 0) return base.join("");
  }
  throw new Error("no control key");
}
