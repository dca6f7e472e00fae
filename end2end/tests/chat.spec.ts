import { test, expect, ready } from "./fixtures";
import { lastCode, signIn, uniquePhone } from "./account";
import { clientIp } from "./fixtures";
import { Page } from "@playwright/test";

test.use({ allowConsole: [/status of (400|401|404|409|429)/] });

/// The header's unread count (0 without a badge).
async function badge(page: Page): Promise<number> {
  const b = page.getByTestId("notices-badge");
  return (await b.count()) === 0 ? 0 : Number(await b.innerText());
}

test("a shopper writes to a seller from a product's page, the seller's staff see the badge rise and answer, and the answer appears", async ({ page, js, shopper, baseURL, browser }, info) => {
  // Seller 10's staff, signed in with a phone of their own in a browser of their own.
  const seed = "chat " + info.title + info.project.name;
  const phone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role: "seller_staff", scope: "10" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const desk = await ctx.newPage();
  await signIn(desk, phone, js);
  await desk.goto("/seller");
  const href = (await desk.getByRole("region", { name: "Товары" }).getByRole("link").first().getAttribute("href"))!;
  await desk.goto("/seller");
  await ready(desk, js);
  const before = await badge(desk);

  // The shopper asks from the product's page; what they type stays text.
  await page.goto(href);
  await ready(page, js);
  await page.getByRole("button", { name: "Написать продавцу" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  const dialog = page.url();
  await expect(page.getByRole("note")).toHaveText(/Rynok никогда не просит коды/);
  await expect(page.getByRole("link", { name: /^Товар: / })).toBeVisible();
  await ready(page, js);
  // What the shopper's badge counts before (notices about the account, if any).
  const mine = await badge(page);
  await page.getByLabel("Сообщение").fill("<img src=x onerror=alert(1)> Есть размер M?");
  await page.getByRole("button", { name: "Отправить" }).click();
  const messages = page.getByTestId("messages");
  await expect(messages).toContainText("<img src=x onerror=alert(1)> Есть размер M?");
  await expect(messages.locator("img")).toHaveCount(0);

  // The staff's badge rises: by itself when hydrated, on the next page without JavaScript.
  if (!js) await desk.reload();
  await expect(desk.getByTestId("notices-badge")).toHaveText(String(before + 1));
  await desk.goto("/messages?tab=buyers");
  await expect(desk.getByRole("link", { name: "Покупатели" })).toHaveAttribute("aria-current", "page");
  await desk.goto(dialog);
  await expect(desk.getByTestId("messages")).toContainText("Есть размер M?");
  await ready(desk, js);
  await desk.getByLabel("Сообщение").fill("Да, есть. Доставим за два дня.");
  await desk.getByRole("button", { name: "Отправить" }).click();
  await expect(desk.getByTestId("messages")).toContainText("Да, есть. Доставим за два дня.");

  // The shopper sees the answer: within the poll's interval when hydrated, after
  // "Обновить" without JavaScript; read, it leaves the badge.
  if (!js) await page.getByRole("link", { name: "Обновить" }).click();
  await expect(messages).toContainText("Да, есть. Доставим за два дня.");
  if (!js) await page.goto("/messages");
  if (mine === 0) await expect(page.getByTestId("notices-badge")).toHaveCount(0);
  else await expect(page.getByTestId("notices-badge")).toHaveText(String(mine));
  await ctx.close();
});

test("a second device signing in shows its code in the first device's Безопасность tab, until it is used", async ({ page, js, shopper, browser, baseURL, clock }, info) => {
  const other = await browser.newContext({
    javaScriptEnabled: js,
    baseURL,
    locale: "ru-RU",
    extraHTTPHeaders: { "X-Forwarded-For": clientIp(`${info.title} other ${info.project.name}`) },
  });
  const second = await other.newPage();
  // The minute between two codes to one number.
  await clock.advance(60_000);
  await second.goto("/signin");
  await ready(second, js);
  await second.getByLabel("Номер телефона").fill(shopper.typed);
  await second.getByRole("button", { name: "Получить код" }).click();
  await expect(second.getByText("Введите последние 6 цифр")).toBeVisible();
  const code = await lastCode(page.request, shopper.e164);

  await page.goto("/messages");
  await page.getByRole("navigation", { name: "Разделы сообщений" }).getByRole("link", { name: "Безопасность" }).click();
  await expect(page).toHaveURL(/\/messages\/security$/);
  await expect(page.getByRole("note")).toContainText("Rynok их никогда не спрашивает");
  await expect(page.getByTestId("security-feed")).toContainText(code);
  // Read-only: nothing to write here.
  await expect(page.getByRole("textbox")).toHaveCount(0);

  // Used, the code is gone from the tab.
  await ready(second, js);
  await second.getByLabel("Код", { exact: true }).fill(code);
  if (!js) await second.getByRole("button", { name: "Войти", exact: true }).click();
  await expect(second).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: "Обновить" }).click();
  await expect(page.getByTestId("security-feed")).toContainText("Выполнен вход");
  await expect(page.getByTestId("security-feed")).not.toContainText(code);
  await other.close();
});
