import { test, expect } from "./fixtures";

test("Share copies the canonical product URL and says so", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/category/laptops");
  await page.getByRole("list", { name: "Найдено:" }).getByRole("link").first().click();
  await page.waitForLoadState("networkidle");
  const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
  // The canonical address is built from APP_PUBLIC_URL, which the config sets to baseURL.
  expect(canonical?.startsWith(`${baseURL}/product/`)).toBe(true);
  expect(canonical).toMatch(/\/product\/.+-\d+$/);
  await page.getByRole("button", { name: "Поделиться" }).click();
  await expect(page.getByText("Ссылка скопирована")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
});

test("the search box suggests while typing", async ({ page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.getByRole("searchbox", { name: "Поиск товаров" }).pressSequentially("смартф", { delay: 30 });
  const list = page.getByRole("list", { name: "Подсказки" });
  await expect(list.getByRole("link", { name: "Смартфоны" })).toBeVisible();
  await list.getByRole("link", { name: "Смартфоны" }).click();
  await expect(page).toHaveURL(/\/category\/smartphones$/);
});
