import { test, expect, ready } from "./fixtures";
import { signIn, uniquePhone } from "./account";

test("Apple answers with a cross-site form_post and lands in the account with the same phone", async ({ page }, info) => {
  const phone = uniquePhone(info.title);
  await signIn(page, phone, true);
  await ready(page, true);
  await page.getByRole("button", { name: "Выйти", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();

  await page.goto("/signin");
  await ready(page, true);
  await page.getByRole("button", { name: "Войти через Apple" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/interaction\//);
  await page.getByPlaceholder("Enter any login").fill(phone.e164);
  await page.getByPlaceholder("and password").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Активные сеансы" }).getByRole("listitem")).toHaveCount(1);
});
