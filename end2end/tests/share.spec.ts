import { test, expect } from "./fixtures";

test("without JavaScript, Share shows the product link ready to copy", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled !== false, "the hydrated path copies to the clipboard (share.hydrate.spec.ts)");
  await page.goto("/category/laptops");
  await page.getByRole("list", { name: "Найдено:" }).getByRole("link").first().click();
  const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
  await page.getByRole("button", { name: "Поделиться" }).click();
  await expect(page.getByLabel("Ссылка на товар")).toHaveValue(canonical!);
});
