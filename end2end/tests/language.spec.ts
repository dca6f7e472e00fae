import { test, expect } from "./fixtures";

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/cart");
  await expect(page.getByRole("heading", { level: 1, name: "Корзина" })).toBeVisible();
  await page.getByRole("button", { name: "Язык интерфейса" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cart" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Interface language" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Корзина" })).toBeVisible();
});
