import { test, expect, ready, signIn, uniquePhone } from "./fixtures";
import { clientIp } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ allowConsole: [/status of (400|401|404|409|429)/] });

// The header's badge polls every second in the test server (every 30 s in a real
// shop). The tabs of one browser share that poll through a Web Lock: the tab holding
// it asks the server, the others take its answers from localStorage and ask nothing.
// Headless Chromium fires the timers of several tabs at the same instant, so only a
// lock (not a timing scheme) keeps the second tab quiet here.
test("two tabs of one browser share the badge's poll: one asks the server, the other shows its answers", async ({ page, baseURL, browser }, info) => {
  // Seller 10's staff in a browser with two tabs; the shopper writes from `page`.
  const seed = "badge " + info.title;
  const staff = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: staff.e164, role: "seller_staff", scope: "10" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ baseURL, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const first = await ctx.newPage();
  const second = await ctx.newPage();
  const asked = new Map<Page, number>([[first, 0], [second, 0]]);
  for (const p of [first, second]) {
    p.on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith("/chat/badge")) asked.set(p, asked.get(p)! + 1);
    });
  }
  await signIn(first, staff, true);
  await first.goto("/seller");
  const href = (await first.getByRole("region", { name: "Товары" }).getByRole("link").first().getAttribute("href"))!;
  await ready(first, true);
  await second.goto("/messages");
  await ready(second, true);
  const badge = (p: Page) => p.getByTestId("notices-badge");
  const before = (await badge(first).count()) === 0 ? 0 : Number(await badge(first).innerText());

  // Four polls' worth of asking: all of it from one tab.
  const start = new Map(asked);
  const since = (p: Page) => asked.get(p)! - start.get(p)!;
  await expect.poll(() => since(first) + since(second), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  const [leader, follower] = since(first) > 0 ? [first, second] : [second, first];
  expect(since(follower), `asked: the first tab ${since(first)}, the second ${since(second)}`).toBe(0);

  // A shopper writes; both tabs' badges rise, and the quiet tab still asks nothing.
  const shopper = uniquePhone(seed + " shopper");
  await signIn(page, shopper, true);
  await page.goto(href);
  await ready(page, true);
  await page.getByRole("button", { name: "Написать продавцу" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await ready(page, true);
  await page.getByLabel("Сообщение").fill("Есть ли размер L?");
  await page.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(page.getByTestId("messages")).toContainText("Есть ли размер L?");
  await expect(badge(leader)).toHaveText(String(before + 1));
  await expect(badge(follower)).toHaveText(String(before + 1));
  expect(since(follower)).toBe(0);

  // When the asking tab closes, the browser hands the lock on and the other asks.
  await leader.close();
  await expect.poll(() => since(follower), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await ctx.close();
});
