import { test, expect, ready } from "./fixtures";

test("the resend button counts down from a minute", async ({ page, phone }) => {
  await page.goto("/signin");
  await ready(page, true);
  // The +7 mask formats as one types.
  await page.getByLabel("Номер телефона").pressSequentially("8950");
  await expect(page.getByLabel("Номер телефона")).toHaveValue("+7 950");
  await page.getByLabel("Номер телефона").fill(phone.typed);
  await expect(page.getByLabel("Номер телефона")).toHaveValue(phone.shown);
  await page.getByRole("button", { name: "Получить код" }).click();
  const status = page.getByRole("status").filter({ hasText: "Новый код через" });
  await expect(status).toHaveText(/Новый код через (1:00|0:5\d)/);
  await expect(status).toHaveText(/Новый код через 0:5[0-7]/, { timeout: 5_000 });
  await expect(page.getByRole("button", { name: "Получить код по SMS" })).toBeDisabled();
});

test("the header's sign-in opens a dialog and comes back to the same page signed in", async ({ page, phone, outbox }) => {
  await page.goto("/category/smartphones");
  await ready(page, true);
  const nav = page.getByRole("navigation", { name: "Главное меню" });
  await nav.getByRole("link", { name: "Войти" }).click();
  const dialog = page.getByRole("dialog", { name: "Вход или регистрация" });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/\/category\/smartphones$/);
  await dialog.getByRole("button", { name: "Закрыть" }).click();
  await expect(dialog).toHaveCount(0);
  // Escape closes it too, and focus starts inside it.
  await nav.getByRole("link", { name: "Войти" }).click();
  await expect(dialog.getByLabel("Номер телефона")).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.closest("dialog") != null)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  await nav.getByRole("link", { name: "Войти" }).click();
  await dialog.getByLabel("Номер телефона").fill(phone.typed);
  await dialog.getByRole("button", { name: "Получить код" }).click();
  await expect(dialog.getByText("Введите последние 6 цифр")).toBeVisible();
  await dialog.getByLabel("Код", { exact: true }).fill(await outbox.code(phone.e164));
  await dialog.getByRole("checkbox", { name: /Я принимаю условия/ }).check();
  await dialog.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(page).toHaveURL(/\/category\/smartphones$/);
  await expect(nav.getByRole("link", { name: "Кабинет" })).toBeVisible();
});
