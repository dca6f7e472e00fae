import { test, expect, ready } from "./fixtures";
import { placeOnReceipt } from "./orders";
import { signIn, uniquePhone } from "./account";
import { clientIp } from "./fixtures";
import { Browser, BrowserContext, Page } from "@playwright/test";

/// Seller 10's staff (seller 10 ships itself, seeded), signed in with a phone of
/// their own (`seed` names it) in a browser of their own, on the seller's page.
/// One of the seller's products listed on its page: of even ids in the hydrated
/// project and odd ones without JavaScript, the highest or the lowest.
async function ownProduct(desk: Page, js: boolean, end: "highest" | "lowest"): Promise<{ href: string; title: string; id: number }> {
  const links = desk.getByRole("region", { name: "Товары" }).getByRole("link");
  await expect(links.first()).toBeVisible();
  const all = await links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href")!, title: a.textContent!.trim() })));
  return all
    .map((l) => ({ ...l, id: Number(l.href.replace(/.*-(\d+)$/, "$1")) }))
    .filter((l) => l.id % 2 === (js ? 0 : 1))
    .sort((a, b) => (end === "highest" ? b.id - a.id : a.id - b.id))[0];
}

async function sellerDesk(page: Page, browser: Browser, baseURL: string, js: boolean, seed: string): Promise<{ ctx: BrowserContext; desk: Page }> {
  const phone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role: "seller_staff", scope: "10" }, headers: { Origin: baseURL } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const desk = await ctx.newPage();
  await signIn(desk, phone, js);
  await desk.goto("/seller");
  return { ctx, desk };
}

test.use({ allowConsole: [/status of (400|401|409)/] });

test("a seller's staff pack and hand over a posting the seller ships itself, and the shopper follows it", async ({ page, js, shopper, clock, baseURL, browser }, info) => {
  // The seller's staff, in a browser of their own: seller 10 ships itself (seeded).
  const { ctx, desk } = await sellerDesk(page, browser, baseURL!, js, "seller " + info.title + info.project.name);
  await expect(desk.getByRole("heading", { name: "Заказы продавца", level: 1 })).toBeVisible();
  await expect(desk.getByTestId("seller-name")).toHaveText(/-10»$/);
  // One of the seller's products with a few in stock.
  const products = desk.getByRole("region", { name: "Товары" }).getByRole("listitem");
  await expect(products.first()).toBeVisible();
  let href = "";
  for (const item of await products.all()) {
    const stock = Number((await item.locator(".hint").innerText()).replace(/.*В наличии: (\d+).*/s, "$1"));
    if (stock >= 3) {
      href = (await item.getByRole("link").getAttribute("href"))!;
      break;
    }
  }
  expect(href).not.toBe("");

  // The shopper buys it: its page says the seller ships it.
  await page.goto(href);
  await expect(page.getByTestId("seller-ships")).toHaveText("со склада продавца");
  await ready(page, js);
  await page.getByRole("button", { name: "В корзину" }).click();
  await expect(page.getByTestId("cart-badge")).toHaveText("1");
  await placeOnReceipt(page, js);
  const orderUrl = page.url();
  const number = (await page.getByRole("heading", { name: /^Заказ № \d{8} от / }).innerText()).match(/№ (\d{8})/)![1];
  await expect(page.getByTestId("posting-status")).toHaveText("Ожидает сборки");
  // Rynok's logistics leaves it to the seller.
  await clock.advance(24 * 3600 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("posting-status")).toHaveText("Ожидает сборки");

  // The staff see it to pack, with a deadline, and never whom it is for.
  await desk.reload();
  const toPack = desk.getByTestId("seller-to-pack");
  await expect(toPack).toContainText(`Заказ № ${number}`);
  await expect(toPack).toContainText(/Отправить до \d{2}\.\d{2}\.\d{4}/);
  await expect(desk.locator("main")).not.toContainText("Иван Петров");
  await ready(desk, js);
  await desk.getByRole("button", { name: `Собрано: Заказ № ${number}` }).click();
  await expect(desk.getByTestId("seller-done")).toHaveText(`Отправление заказа № ${number} собрано: передайте его в доставку.`);
  await expect(desk.getByTestId("seller-to-ship")).toContainText(`Заказ № ${number}`);
  await ready(desk, js);
  await desk.getByRole("button", { name: `Передано в доставку: Заказ № ${number}` }).click();
  await expect(desk.getByTestId("seller-done")).toHaveText(`Отправление заказа № ${number} передано в доставку.`);
  await expect(desk.getByTestId("seller-shipped")).toContainText(`Заказ № ${number}`);
  await ctx.close();

  // The shopper sees it on its way, then at the pickup point as the clock moves.
  await page.goto(orderUrl);
  await expect(page.getByTestId("posting-status")).toHaveText("В пути");
  await clock.advance(24 * 3600 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("posting-status")).toHaveText(/^В пункте выдачи · Хранится до \d{2}\.\d{2}\.\d{4}$/);
});

test("a shopper is not a seller's staff", async ({ page, js, shopper }) => {
  await page.goto("/seller");
  await ready(page, js);
  await expect(page.getByRole("alert")).toHaveText("Эта страница — для сотрудников продавца.");
});

test("a shopper asks to be told when a product is back, and the seller's staff bring it back", async ({ page, js, shopper, baseURL, browser }, info) => {
  const { ctx, desk } = await sellerDesk(page, browser, baseURL!, js, "stock " + info.title + info.project.name);
  // The seller's product with the highest id of one parity per project, so the
  // hydrated and the no-JS runs never share one.
  const mine = await ownProduct(desk, js, "highest");
  const label = `Остаток «${mine.title}», шт.`;
  const save = async (n: string) => {
    await ready(desk, js);
    await desk.getByLabel(label).fill(n);
    await desk.locator("li", { has: desk.getByLabel(label) }).getByRole("button", { name: "Сохранить", exact: true }).click();
    await expect(desk.getByTestId("seller-done")).toHaveText(`Остаток сохранён: ${n} шт.`);
  };
  // None left.
  await save("0");

  // The shopper asks to be told.
  await page.goto(mine.href);
  await expect(page.locator(".stock")).toHaveText("Нет в наличии");
  await ready(page, js);
  await page.getByRole("button", { name: "Сообщить о поступлении" }).click();
  await expect(page.getByTestId("stock-alert-set")).toHaveText("Сообщим, когда товар снова появится в продаже.");

  // The seller brings it back: the shopper is told in the notices.
  await save("7");
  await ctx.close();
  await page.goto("/account/notices");
  await expect(page.getByRole("main")).toContainText(`«${mine.title}» снова в продаже.`);
});

test("a shopper follows a price, and the seller's staff lower it", async ({ page, js, shopper, baseURL, browser }, info) => {
  const { ctx, desk } = await sellerDesk(page, browser, baseURL!, js, "price " + info.title + info.project.name);
  // The lowest id of one parity per project (the stock test takes the highest), so
  // no two runs share one.
  const mine = await ownProduct(desk, js, "lowest");
  const label = `Цена «${mine.title}», ₽`;
  const current = await desk.getByLabel(label).inputValue();
  const lower = String(Math.max(1, Math.floor(Number(current.replace(",", ".")) * 0.9)));

  // The shopper follows the price.
  await page.goto(mine.href);
  await ready(page, js);
  await page.getByRole("button", { name: "Следить за ценой" }).click();
  await expect(page.getByTestId("price-alert-set")).toHaveText("Сообщим, когда цена снизится.");
  await expect(page.getByRole("button", { name: "Не следить за ценой" })).toBeVisible();

  // A price that is not a sum is refused with the rule; then the seller lowers it.
  await ready(desk, js);
  await desk.getByLabel(label).fill("дёшево");
  await desk.locator("li", { has: desk.getByLabel(label) }).getByRole("button", { name: "Сохранить цену" }).click();
  await expect(desk.getByRole("alert").filter({ hasText: "Цена — сумма в рублях" })).toBeVisible();
  await ready(desk, js);
  await desk.getByLabel(label).fill(lower);
  await desk.locator("li", { has: desk.getByLabel(label) }).getByRole("button", { name: "Сохранить цену" }).click();
  await expect(desk.getByTestId("seller-done")).toHaveText(/^Цена сохранена: /);
  await ctx.close();

  // The shopper is told in the notices.
  await page.goto("/account/notices");
  await expect(page.getByRole("main")).toContainText(`«${mine.title}» подешевел`);
});
