import { test, expect, ready, PNG } from "./fixtures";
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
  const reviews = page.getByTestId("reviews").getByRole("listitem");
  const mine = reviews.filter({ hasText: text });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("img", { name: "Оценка 5 из 5" })).toBeVisible();
  await expect(mine.getByText("Покупатель Rynok")).toBeVisible();
  await expect(mine.getByRole("img", { name: "Фото покупателя к отзыву" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Отзывы \(\d+\)$/ })).toBeVisible();

  // The order no longer offers it.
  await page.goto(orderUrl);
  await expect(page.getByRole("link", { name: `Оставить отзыв о «${item.title}»` })).toHaveCount(0);
});
