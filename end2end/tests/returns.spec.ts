import { test, expect, ready, kopecks, PNG } from "./fixtures";
import { fillCart, placeOnReceipt, receiveAtPoint } from "./orders";

test.use({ allowConsole: [/status of (400|401|403|404)/] });

test("a shopper returns a received item with a photo, the operator accepts it, and the wallet shows the refund", async ({ page, js, shopper, clock, baseURL, browser }, info) => {
  const [item] = await fillCart(page, js, 1);
  const point = await placeOnReceipt(page, js);
  const orderUrl = page.url();
  const desk = await receiveAtPoint(page, browser, js, baseURL!, clock, point, "returns operator " + info.title + info.project.name);

  // The shopper asks to return it: the item, a reason, a comment and a photo.
  await page.goto(orderUrl);
  await ready(page, js);
  await page.getByRole("link", { name: "Вернуть товары" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Возврат товаров" })).toBeVisible();
  await ready(page, js);
  // Nothing ticked: the form says what is missing.
  await page.getByLabel("Причина возврата").selectOption("defect");
  await page.getByRole("button", { name: "Оформить возврат" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Отметьте товары, которые хотите вернуть." })).toBeVisible();
  await ready(page, js);
  await page.getByRole("checkbox", { name: `${item.title} × 1` }).check();
  await page.getByLabel("Причина возврата").selectOption("defect");
  await page.getByLabel("Комментарий (необязательно)").fill("Шов разошёлся после первой стирки");
  await page.getByLabel("Фото (необязательно)").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Оформить возврат" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+\?return=\d+$/);
  const ret = page.getByTestId("return");
  await expect(ret.getByTestId("return-status")).toHaveText("Ждёт сдачи в пункт выдачи");
  await expect(ret.getByRole("img", { name: /^Фото к возврату № \d{8}$/ })).toBeVisible();
  await expect(ret.getByRole("img", { name: "Штрихкод возврата" })).toBeVisible();
  const code = (await ret.getByTestId("return-code").innerText()).replace(/\s/g, "");
  expect(code).toMatch(/^\d{10}$/);
  const number = ((await ret.getByRole("heading", { level: 3 }).innerText()).match(/\d{8}/) ?? [""])[0];

  // The operator finds it by the code and accepts it.
  await desk.goto("/pickup");
  await ready(desk, js);
  await desk.getByLabel("Код возврата").fill(code);
  await desk.getByRole("button", { name: "Найти возврат" }).click();
  const found = desk.getByTestId("return-at-point");
  await expect(found.getByRole("heading", { level: 3 })).toHaveText(new RegExp(`^Возврат № ${number} · заказ № \\d{8}$`));
  await expect(found.getByRole("list", { name: "Что принять" }).getByRole("listitem")).toHaveText([`${item.title} × 1`]);
  await ready(desk, js);
  await found.getByRole("button", { name: "Принять возврат" }).click();
  await expect(desk.getByTestId("return-accepted")).toHaveText(`Возврат № ${number} принят, деньги возвращены покупателю.`);
  await desk.context().close();

  // The shopper sees it accepted, and the money in the wallet and its history.
  await page.goto(orderUrl);
  await expect(ret.getByTestId("return-status")).toHaveText("Принят, деньги возвращены");
  await expect(ret.getByTestId("return-code")).toHaveCount(0);
  await expect(ret.getByTestId("return-refund")).toHaveText(/^[\d\s\u202F\u00A0,]+₽ вернули на Rynok Счёт$/);
  const refund = kopecks((await ret.getByTestId("return-refund").innerText()).split("₽")[0]);
  expect(refund).toBeGreaterThan(0);
  expect(refund).toBeLessThanOrEqual(item.price);
  await page.goto("/account/wallet");
  expect(kopecks((await page.getByTestId("wallet-balance").textContent()) ?? "")).toBe(refund);
  await expect(page.getByRole("row").filter({ hasText: "Возврат" })).toHaveCount(1);
});
