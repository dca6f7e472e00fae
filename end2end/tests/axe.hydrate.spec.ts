import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { activateCertificate, issueCertificates } from "./wallet";
import { fillCart, placeOnReceipt, receiveAtPoint } from "./orders";

const pages = ["/", "/category/electronics", "/search?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD", "/product/x-1", "/cart", "/signin", "/signin?by=email", "/signin/recovery"];

/// The page's serious and critical accessibility violations, once it has settled.
async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

for (const path of pages) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    expect(await violations(page, path)).toEqual([]);
  });
}

// Pages behind sign-in, checked with a shopper signed in and an operation in the
// wallet's history.
for (const path of ["/account", "/account/security", "/account/wallet", "/account/points", "/account/card", "/account/notices", "/account/orders", "/account/purchases", "/pickup"]) {
  test(`no serious or critical accessibility violations on ${path} signed in`, async ({ page, shopper, baseURL }) => {
    const [code] = await issueCertificates(page.request, baseURL!, 500, 1);
    await activateCertificate(page.request, baseURL!, code);
    expect(await violations(page, path)).toEqual([]);
  });
}

// Checkout with something in the cart, then the order's page and the list.
test("no serious or critical accessibility violations on checkout, an order and the orders list", async ({ page, shopper }) => {
  await fillCart(page, true, 1);
  expect(await violations(page, "/checkout")).toEqual([]);
  expect(await violations(page, "/checkout?delivery=courier")).toEqual([]);
  await placeOnReceipt(page, true);
  expect(await violations(page, page.url())).toEqual([]);
  expect(await violations(page, "/account/orders")).toEqual([]);
});

// A received order: its page with the review and return sections, the return
// form, the review form, and the pickup point's screen with its return form.
test("no serious or critical accessibility violations on the return and review forms", async ({ page, shopper, clock, baseURL, browser }, info) => {
  await fillCart(page, true, 1);
  const point = await placeOnReceipt(page, true);
  const orderUrl = page.url();
  const desk = await receiveAtPoint(page, browser, true, baseURL!, clock, point, "axe operator " + info.title);
  expect(await violations(desk, "/pickup")).toEqual([]);
  await desk.context().close();
  expect(await violations(page, orderUrl)).toEqual([]);
  const review = await page.getByRole("link", { name: /^Оставить отзыв о/ }).getAttribute("href");
  expect(await violations(page, orderUrl + "/return")).toEqual([]);
  expect(await violations(page, review!)).toEqual([]);
});

// The chat: the list of dialogs and a dialog with a message in it.
test("no serious or critical accessibility violations on the chat pages", async ({ page, shopper }) => {
  await page.goto("/product/x-1");
  await page.getByRole("button", { name: "Написать продавцу" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  const dialog = page.url();
  await page.getByLabel("Сообщение").fill("Есть размер M?");
  await page.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(page.getByTestId("messages")).toContainText("Есть размер M?");
  expect(await violations(page, dialog)).toEqual([]);
  expect(await violations(page, "/messages")).toEqual([]);
  expect(await violations(page, "/messages/security")).toEqual([]);
});

// Support: the shopper's tab and a request, and the agents' console (the shopper
// is made an agent too, to see both sides).
test("no serious or critical accessibility violations on the support pages and the agents' console", async ({ page, shopper, baseURL }) => {
  const res = await page.request.post("/dev/staff", { form: { phone: shopper.e164, role: "support", scope: "0" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  expect(await violations(page, "/messages/support")).toEqual([]);
  await page.getByLabel("Тема").selectOption({ label: "Заказ" });
  await page.getByLabel("Сообщение").fill("Где мой заказ?");
  await page.getByRole("button", { name: "Отправить обращение" }).click();
  await expect(page).toHaveURL(/\/messages\/support\/\d+$/);
  const id = page.url().split("/").pop();
  expect(await violations(page, page.url())).toEqual([]);
  expect(await violations(page, "/support")).toEqual([]);
  expect(await violations(page, "/support?tab=held")).toEqual([]);
  expect(await violations(page, `/support/${id}`)).toEqual([]);
});
