import { test, expect, ready, kopecks } from "./fixtures";

test("a shopper goes from home to a category, filters, sorts, searches and fills the cart", async ({ page, javaScriptEnabled }) => {
  const js = javaScriptEnabled !== false;

  // Home: category tiles and products.
  await page.goto("/");
  await ready(page, js);
  await expect(page.getByRole("heading", { name: "Популярные категории" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Рекомендуем" }).getByRole("listitem").first()).toBeVisible();

  // Category.
  await page.getByRole("main").getByRole("link", { name: "Смартфоны" }).first().click();
  await expect(page).toHaveURL(/\/category\/smartphones$/);
  await expect(page.getByRole("heading", { level: 1, name: "Смартфоны" })).toBeVisible();
  const found = page.locator(".found");
  await expect(found).toContainText("Найдено:");

  // Filter by a brand and sort cheapest first.
  const filters = page.getByRole("complementary", { name: "Фильтры" });
  await filters.getByRole("checkbox", { name: /^Samsung/ }).check();
  await filters.getByLabel("Сортировка").selectOption("cheap");
  await filters.getByRole("button", { name: "Применить" }).click();
  await expect(page).toHaveURL(/brand=\d+/);
  await expect(page).toHaveURL(/sort=cheap/);
  await ready(page, js);
  const grid = page.getByRole("list", { name: "Найдено:" });
  const titles = await grid.locator(".card-title").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t).toContain("Samsung");
  const prices = (await grid.locator(".price-now").allTextContents()).map(kopecks);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);

  // Search through the header, by a word form.
  const search = page.getByRole("searchbox", { name: "Поиск товаров" });
  await search.fill("телефоны");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("телефоны");
  await expect(page.locator(".found")).not.toHaveText("Найдено: 0 товаров");

  // Product page: the first result with at least three in stock.
  const links = await page.getByRole("list", { name: "Найдено:" }).getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  let opened = false;
  for (const href of links) {
    await page.goto(href!);
    await ready(page, js);
    const stock = Number((await page.locator(".stock").innerText()).replace(/\D/g, ""));
    if (stock >= 3) {
      opened = true;
      break;
    }
  }
  expect(opened).toBeTruthy();
  await expect(page).toHaveURL(/\/product\/.+-\d+$/);
  await expect(page.getByRole("heading", { name: "Характеристики" })).toBeVisible();
  const unitPrice = kopecks(await page.locator(".price-large .price-now").innerText());

  // Add two to the cart.
  await page.getByLabel("Количество", { exact: true }).fill("2");
  await page.getByRole("button", { name: "В корзину" }).click();
  const badge = page.getByTestId("cart-badge");
  await expect(badge).toHaveText("2");
  if (js) await expect(page.getByText("Товар добавлен в корзину")).toBeVisible();

  // Cart: totals, then one more.
  await page.getByRole("link", { name: /Корзина/ }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await ready(page, js);
  await expect(page.getByTestId("total-to-pay")).toHaveText(formatRub(unitPrice * 2));
  await page.getByRole("button", { name: /Увеличить количество/ }).click();
  await expect(page.getByTestId("total-to-pay")).toHaveText(formatRub(unitPrice * 3));
  await expect(badge).toHaveText("3");
  await expect(page.getByText(/Товары \(3 товара\)/)).toBeVisible();
});

function formatRub(k: number): string {
  const r = Math.floor(k / 100);
  const grouped = String(r).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202F");
  const kop = k % 100;
  return kop === 0 ? `${grouped}\u202F₽` : `${grouped},${String(kop).padStart(2, "0")}\u202F₽`;
}
