import { test, expect, ready } from "./fixtures";

test("a shopper keeps a product in favourites, finds it there and lets it go", async ({ page, js, shopper }) => {
  await page.goto("/category/t-shirts");
  const href = await page.locator('a[href^="/product/"]').first().getAttribute("href");
  await page.goto(href!);
  const title = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  await ready(page, js);
  await page.getByRole("button", { name: "В избранное" }).click();
  await expect(page.getByRole("button", { name: "В избранном — убрать" })).toHaveAttribute("aria-pressed", "true");

  await page.goto("/account/favourites");
  await expect(page.getByRole("heading", { name: "Избранное", level: 1 })).toBeVisible();
  const list = page.getByRole("list", { name: "Избранное" });
  await expect(list.getByRole("link", { name: title })).toBeVisible();
  await ready(page, js);
  await list.getByRole("button", { name: `Убрать «${title}» из избранного` }).click();
  await expect(page.getByText("Здесь появятся товары, которые вы отметите «В избранное».")).toBeVisible();
});

test("a guest who keeps a product is asked to sign in first", async ({ page, js }) => {
  await page.goto("/product/x-1");
  await ready(page, js);
  await page.getByRole("button", { name: "В избранное" }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Fproduct%2F1$/);
});
