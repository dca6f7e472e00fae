import { test, expect, ready, signIn, uniquePhone, PNG } from "./fixtures";
import { clientIp } from "./fixtures";
import { fillCart, placeOnReceipt, receiveAtPoint } from "./orders";

test.use({ allowConsole: [/status of (400|401|404)/] });

test("a shopper who received an item reviews it, and the review appears on the product page", async ({ page, js, shopper, clock, baseURL, browser }, info) => {
  const [item] = await fillCart(page, js, 1);
  const point = await placeOnReceipt(page, js);
  const orderUrl = page.url();
  const desk = await receiveAtPoint(page, browser, js, baseURL!, clock, point, "reviews operator " + info.title + info.project.name);
  await desk.context().close();

  // The order offers to review what was received.
  await page.goto(orderUrl);
  await ready(page, js);
  await page.getByRole("link", { name: `Оставить отзыв о «${item.title}»` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Отзыв о товаре" })).toBeVisible();
  await expect(page.getByTestId("review-product")).toHaveText(item.title);
  await ready(page, js);
  await page.getByRole("radio", { name: "5 из 5" }).check();
  const text = `Ткань плотная, размер в размер <b>${info.project.name}</b>`;
  await page.getByLabel("Достоинства, недостатки, впечатления (необязательно)").fill(text);
  await page.getByLabel("Фото (необязательно)").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Опубликовать отзыв" }).click();

  // The product's page, at its reviews: the review, as typed (not as markup).
  await expect(page).toHaveURL(/\/product\/.*\?reviewed=1#reviews$/);
  const productUrl = page.url().split("?")[0];
  const reviews = page.getByTestId("reviews").getByRole("listitem");
  const mine = reviews.filter({ hasText: text });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("img", { name: "Оценка 5 из 5" })).toBeVisible();
  await expect(mine.getByText("Покупатель Rynok")).toBeVisible();
  await expect(mine.getByRole("img", { name: "Фото покупателя к отзыву" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Отзывы \(\d+\)$/ })).toBeVisible();

  // The order no longer offers to write it, but to change it; its form says it is published.
  await page.goto(orderUrl);
  await expect(page.getByRole("link", { name: `Оставить отзыв о «${item.title}»` })).toHaveCount(0);
  await page.getByRole("link", { name: `Изменить отзыв о «${item.title}»` }).click();
  const state = page.getByTestId("review-state");
  await expect(state).toContainText("Отзыв опубликован.");
  const formUrl = page.url();
  await ready(page, js);

  // A link in a change: the review waits for a check, off the product's page.
  const linked = `Дешевле на shop-x.ru ${info.project.name}`;
  await page.getByRole("radio", { name: "4 из 5" }).check();
  await page.getByLabel("Достоинства, недостатки, впечатления (необязательно)").fill(linked);
  await page.getByRole("button", { name: "Сохранить отзыв" }).click();
  await expect(state).toContainText("Изменения сохранены.");
  await expect(state).toContainText("Отзыв на проверке");
  await page.goto(productUrl);
  await expect(page.getByTestId("reviews").getByRole("listitem").filter({ hasText: info.project.name })).toHaveCount(0);

  // A support agent, in a browser of their own, rejects it with a reason.
  const seed = "reviews agent " + info.title + info.project.name;
  const agentPhone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: agentPhone.e164, role: "support", scope: "0" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const agent = await ctx.newPage();
  await signIn(agent, agentPhone, js);
  await agent.goto("/support?tab=reviews");
  await ready(agent, js);
  await expect(agent.getByRole("link", { name: "Отзывы" })).toHaveAttribute("aria-current", "page");
  const card = agent.getByRole("listitem").filter({ hasText: linked });
  await card.getByLabel("Причина отказа").fill("ссылки на другие магазины");
  await card.getByRole("button", { name: "Отклонить" }).click();
  await expect(agent.getByRole("listitem").filter({ hasText: linked })).toHaveCount(0);
  await ctx.close();

  // The author sees why, fixes it, and it is published again, marked changed.
  await page.goto(formUrl);
  await expect(state).toContainText("Отзыв не опубликован: ссылки на другие магазины.");
  await ready(page, js);
  await page.getByLabel("Достоинства, недостатки, впечатления (необязательно)").fill(`Ткань плотная ${info.project.name}`);
  await page.getByRole("button", { name: "Сохранить отзыв" }).click();
  await expect(state).toContainText("Отзыв опубликован.");
  await expect(state).toContainText("Изменён.");

  // Deleted, it leaves the product's page and the order offers to write it again.
  await ready(page, js);
  await page.getByRole("button", { name: "Удалить отзыв" }).click();
  await expect(page.getByRole("link", { name: `Оставить отзыв о «${item.title}»` })).toBeVisible();
});
