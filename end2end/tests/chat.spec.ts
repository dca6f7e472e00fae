import { test, expect, ready } from "./fixtures";
import { lastCode, signIn, uniquePhone } from "./account";
import { clientIp, PNG } from "./fixtures";
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
  await page.getByRole("button", { name: "Отправить", exact: true }).click();
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
  await desk.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(desk.getByTestId("messages")).toContainText("Да, есть. Доставим за два дня.");
  // And a photo of it, which comes back into the dialog as an image.
  await desk.getByLabel("Фото (JPEG, PNG или WebP, до 10 МБ)").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
  await desk.getByLabel("Подпись к фото").fill("Вот он");
  await desk.getByRole("button", { name: "Отправить фото" }).click();
  await expect(desk.getByTestId("messages").getByRole("img", { name: "Фото в сообщении" })).toHaveCount(1);

  // The shopper sees the answer: within the poll's interval when hydrated, after
  // "Обновить" without JavaScript; read, it leaves the badge.
  if (!js) await page.getByRole("link", { name: "Обновить" }).click();
  await expect(messages).toContainText("Да, есть. Доставим за два дня.");
  await expect(messages.getByRole("img", { name: "Фото в сообщении" })).toHaveCount(1);
  await expect(messages).toContainText("Вот он");
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

test("a shopper reports a seller's message to support, and an agent lets a held one through", async ({ page, js, shopper, baseURL, browser }, info) => {
  const contexts = [];
  // The seller's staff and a support agent, each in a browser of their own.
  const person = async (role: string, scope: string) => {
    const seed = `${role} ${info.title} ${info.project.name}`;
    const phone = uniquePhone(seed);
    const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role, scope }, headers: { Origin: baseURL! } });
    expect(res.status()).toBe(204);
    const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
    contexts.push(ctx);
    const p = await ctx.newPage();
    await signIn(p, phone, js);
    return p;
  };
  const desk = await person("seller_staff", "10");
  // Held messages are everyone's in the console: this one is told apart by its tag.
  const call = `Звоните: +7 916 123-45-67, ${js ? "днём" : "вечером"}`;
  const agent = await person("support", "0");

  await desk.goto("/seller");
  const href = (await desk.getByRole("region", { name: "Товары" }).getByRole("link").first().getAttribute("href"))!;
  await page.goto(href);
  await ready(page, js);
  await page.getByRole("button", { name: "Написать продавцу" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  const dialog = page.url();
  await ready(page, js);
  await page.getByLabel("Сообщение").fill("Есть другой цвет?");
  await page.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(page.getByTestId("messages")).toContainText("Есть другой цвет?");

  await desk.goto(dialog);
  for (const text of ["Пишите в мессенджер, там дешевле", call]) {
    await ready(desk, js);
    await desk.getByLabel("Сообщение").fill(text);
    await desk.getByRole("button", { name: "Отправить", exact: true }).click();
    await expect(desk.getByTestId("messages")).toContainText(text);
  }
  // The seller sees the phone number held back; the shopper does not see it.
  await expect(desk.getByText("Не доставлено: сообщение на проверке у поддержки")).toBeVisible();
  await page.goto(dialog);
  const messages = page.getByTestId("messages");
  await expect(messages).toContainText("Пишите в мессенджер, там дешевле");
  await expect(messages).not.toContainText(call);

  // The shopper reports the other: a support request quoting it.
  await messages.getByRole("listitem").filter({ hasText: "Пишите в мессенджер" }).getByRole("button", { name: /Пожаловаться/ }).click();
  await expect(page).toHaveURL(/\/messages\/support\/\d+$/);
  await expect(page.getByTestId("messages")).toContainText("Жалоба на сообщение продавца");
  await expect(page.getByTestId("messages")).toContainText("«Пишите в мессенджер, там дешевле»");

  // The agent lets the held one through; the shopper then sees it.
  await agent.goto("/support?tab=held");
  const held = agent.getByRole("list", { name: "Задержанные сообщения" }).getByRole("listitem").filter({ hasText: call });
  await expect(held).toHaveCount(1);
  await ready(agent, js);
  await held.getByRole("button", { name: "Пропустить" }).click();
  await expect(agent.getByRole("list", { name: "Задержанные сообщения" }).getByRole("listitem").filter({ hasText: call })).toHaveCount(0);
  await page.goto(dialog);
  await expect(messages).toContainText(call);
  for (const ctx of contexts) await ctx.close();
});
