import { test, expect, ready } from "./fixtures";

/// Signs in on the test provider's own pages: any login (our identity), any password, consent.
async function onProvider(page: import("@playwright/test").Page, login: string) {
  await expect(page).toHaveURL(/localhost:\d+\/interaction\//);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("Sber ID creates an account from the provider's verified phone", async ({ page, js, phone }) => {
  await page.goto("/signin");
  await ready(page, js);
  await expect(page.getByText("Входя через другой сервис, вы принимаете условия")).toBeVisible();
  await page.getByRole("button", { name: "Войти через Sber ID" }).click();
  await onProvider(page, phone.e164);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
});

test("Apple answers with a cross-site form_post and lands in the account with the same phone", async ({ page, js, shopper: phone }) => {
  await ready(page, js);
  await page.getByRole("button", { name: "Выйти", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();

  await page.goto("/signin");
  await ready(page, js);
  await page.getByRole("button", { name: "Войти через Apple" }).click();
  await onProvider(page, phone.e164);
  if (!js) {
    // The provider's form_post page submits itself by script; without it, by its button.
    await expect(page).toHaveTitle("Submitting Callback");
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Активные сеансы" }).getByRole("listitem")).toHaveCount(1);
});
