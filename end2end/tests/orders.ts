import { Browser, expect, Page } from "@playwright/test";
import { ready } from "./ready";
import { clientIp, kopecks } from "./fixtures";
import { signIn, uniquePhone } from "./account";

/// Puts one piece of each of `count` different T-shirts with some stock into the
/// cart from their product pages: their titles and prices. T-shirts their seller
/// ships itself are passed over: Rynok's logistics job alone brings these orders.
export async function fillCart(page: Page, js: boolean, count: number): Promise<{ title: string; price: number }[]> {
  await page.goto("/category/t-shirts");
  const hrefs = await page.locator('a[href^="/product/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
  const picked: { title: string; price: number }[] = [];
  for (const href of hrefs) {
    await page.goto(href);
    const stock = Number((await page.locator(".stock").innerText()).replace(/\D/g, ""));
    if (stock < 2 || (await page.getByTestId("seller-ships").count()) > 0) continue;
    await ready(page, js);
    const title = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
    const price = kopecks(await page.locator(".price-large .price-now").innerText());
    await page.getByRole("button", { name: "В корзину" }).click();
    await expect(page.getByTestId("cart-badge")).toHaveText(String(picked.length + 1));
    picked.push({ title, price });
    if (picked.length === count) return picked;
  }
  throw new Error("not enough T-shirts in stock");
}

/// Checks out the cart to the first pickup point of the list, paying on receipt:
/// lands on the order's page, and answers the point's id.
export async function placeOnReceipt(page: Page, js: boolean): Promise<string> {
  await page.goto("/checkout");
  await ready(page, js);
  const point = page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first();
  const id = (await point.getAttribute("value"))!;
  await point.check();
  await page.getByLabel("Имя и фамилия получателя").fill("Иван Петров");
  await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  return id;
}

/// The shopper's order on `page` (paid on receipt, sent to point `point`) is
/// brought there by the clock and the jobs, and the point's operator (a fresh
/// phone made from `seed`, in a browser of their own) hands it over, taking the
/// payment. Answers the operator's page, still signed in.
export async function receiveAtPoint(
  page: Page,
  browser: Browser,
  js: boolean,
  baseURL: string,
  clock: { advance(ms: number): Promise<void> },
  point: string,
  seed: string,
): Promise<Page> {
  await clock.advance(2 * 24 * 3600 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL } });
  await page.reload();
  const pickup = (await page.getByTestId("pickup-code").innerText()).replace(/\s/g, "");
  const phone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role: "operator", scope: point }, headers: { Origin: baseURL } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const desk = await ctx.newPage();
  await signIn(desk, phone, js);
  await desk.goto(`/pickup?code=${pickup}`);
  await ready(desk, js);
  await desk.getByLabel("Оплата получена").check();
  await desk.getByRole("button", { name: "Выдать заказ" }).click();
  await expect(desk.getByTestId("handed-over")).toHaveText(/^Заказ № \d{8} выдан\.$/);
  return desk;
}
