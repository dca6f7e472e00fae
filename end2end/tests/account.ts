import { APIRequestContext, Page, expect } from "@playwright/test";
import { ready } from "./ready";

/// A phone number no other test uses: one per test title and project.
export function uniquePhone(seed: string): { typed: string; e164: string; shown: string } {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const n = String(h % 10_000_000).padStart(7, "0");
  const e164 = `+7950${n}`;
  return {
    typed: `8 950 ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
    e164,
    shown: `+7 950 ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
  };
}

/// The newest code the development outbox holds for a recipient.
export async function lastCode(request: APIRequestContext, to: string): Promise<string> {
  const res = await request.get(`/dev/outbox.json?to=${encodeURIComponent(to)}`);
  expect(res.ok()).toBeTruthy();
  const list = (await res.json()) as { body: string }[];
  expect(list.length).toBeGreaterThan(0);
  const runs = list[0].body.match(/\d{6}/g) ?? [];
  const body = list[0].body;
  // A call: the last six digits of the caller's number; an SMS or email: the code in it.
  return body.startsWith("+") ? body.slice(-6) : runs[runs.length - 1];
}

/// Moves the test server's clock forward (the minute between codes, 14 days...).
export async function advanceClock(request: APIRequestContext, baseURL: string, ms: number) {
  const res = await request.post("/dev/clock", { form: { ms: String(ms) }, headers: { Origin: baseURL } });
  expect(res.status()).toBe(204);
}

/// Signs in (or up) through the page, by phone and a called code.
export async function signIn(page: Page, phone: { typed: string; e164: string }, js: boolean) {
  await page.goto("/signin");
  await ready(page, js);
  await page.getByLabel("Номер телефона").fill(phone.typed);
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("Введите последние 6 цифр")).toBeVisible();
  const code = await lastCode(page.request, phone.e164);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(code);
  if (!js) await page.getByRole("button", { name: "Войти", exact: true }).click();
  const terms = page.getByRole("checkbox", { name: /Я принимаю условия/ });
  await expect(terms.or(page.getByRole("heading", { name: "Личный кабинет" }))).toBeVisible();
  if (await terms.isVisible()) {
    await terms.check();
    await page.getByRole("button", { name: "Создать аккаунт" }).click();
  }
  await expect(page).toHaveURL(/\/account$/);
}

/// How many messages the outbox holds for a recipient.
export async function outboxCount(request: APIRequestContext, to: string): Promise<number> {
  const res = await request.get(`/dev/outbox.json?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as unknown[]).length;
}

/// The code of the first message to `to` after `before` messages (emails go out in the background).
export async function nextCode(request: APIRequestContext, to: string, before: number): Promise<string> {
  await expect.poll(() => outboxCount(request, to)).toBeGreaterThan(before);
  return lastCode(request, to);
}
