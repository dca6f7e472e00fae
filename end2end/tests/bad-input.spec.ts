import { test, expect, ready } from "./fixtures";

test("garbage in the URL gives notices and sane defaults, never an error page", async ({ page }) => {
  const res = await page.goto("/category/electronics?page=-5&price_min=abc&sort=%27%3BDROP");
  expect(res?.status()).toBe(200);
  const notices = page.getByRole("status").filter({ hasText: "не распознана" });
  await expect(notices).toBeVisible();
  await expect(page.getByText("Страницы «-5» нет — показана первая.")).toBeVisible();
  await expect(page.getByText("Сортировка «';DROP» неизвестна — показаны популярные.")).toBeVisible();
});

test("markup in a search query is shown as text", async ({ page }) => {
  const res = await page.goto("/search?q=%3C%2Ftitle%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.locator("main img[src='x']")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Ничего не нашлось" })).toBeVisible();
});

test.describe("404", () => {
  // Chromium reports a page answered with 404 on the console; that is the point here.
  test.use({ allowConsole: [/status of 404/] });

  test("unknown products and pages are 404s in the shop's design", async ({ page }) => {
  for (const path of ["/product/nope-999999", "/category/nope", "/no/such/page"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
    await expect(page.getByRole("link", { name: "На главную" })).toBeVisible();
  }
  });
});

test.describe("refusals", () => {
  // A refused server call answers 400, which Chromium reports on the console.
  test.use({ allowConsole: [/status of 400/] });

  test("a quantity above stock is refused with a message and the cart stays as it was", async ({ page, js }) => {
  await page.goto("/category/smartphones?in_stock=1&sort=cheap");
  await page.getByRole("list", { name: "Найдено:" }).getByRole("link").first().click();
  await expect(page.locator(".stock")).toBeVisible();
  await ready(page, js);
  const stockText = await page.locator(".stock").innerText();
  const stock = Number(stockText.replace(/\D/g, ""));
  await page.getByLabel("Количество", { exact: true }).fill(String(stock + 1));
  await page.getByRole("button", { name: "В корзину" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Можно заказать не больше" })).toBeVisible();
  await expect(page.getByTestId("cart-badge")).toHaveCount(0);
  await page.getByLabel("Количество", { exact: true }).fill("1000000000000");
  await page.getByRole("button", { name: "В корзину" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Количество должно быть|Можно заказать/ })).toBeVisible();
  await expect(page.getByTestId("cart-badge")).toHaveCount(0);
});
});
