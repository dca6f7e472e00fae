import { test, expect, ready } from "./fixtures";

test("deleting the profile takes a reason and a code, then signs out and frees the number", async ({ page, js, shopper: phone, outbox, clock }) => {
  await clock.advance(60_000);
  await ready(page, js);

  await page.getByLabel("Причина").selectOption("privacy");
  await page.getByLabel("Комментарий (необязательно)").fill("Спасибо");
  const before = await outbox.count(phone.e164);
  await page.getByRole("button", { name: "Получить код для удаления" }).click();
  const code = await outbox.next(phone.e164, before);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();

  // The number is free: signing in with it makes a new account (the terms step).
  await clock.advance(60_000);
  await page.goto("/signin");
  await ready(page, js);
  await page.getByLabel("Номер телефона").fill(phone.typed);
  await page.getByRole("button", { name: "Получить код" }).click();
  const again = await outbox.next(phone.e164, before + 1);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(again);
  if (!js) await page.getByRole("button", { name: "Войти", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Создание аккаунта" })).toBeVisible();
});
