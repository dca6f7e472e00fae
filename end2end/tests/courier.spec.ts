import { test, expect, ready } from "./fixtures";
import { fillCart } from "./orders";

test.use({ allowConsole: [/status of (400|409)/] });

/// Moscow time on the order's page ("… от dd.mm.yyyy hh:mm") as milliseconds of a
/// UTC clock showing the same digits, so days and hours can be counted on it.
function moscow(text: string): number {
  const m = text.match(/(\d\d)\.(\d\d)\.(\d{4})(?:,? (\d\d):(\d\d))?/)!;
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

test("a shopper has an order brought by courier to an address on a day and in a slot, and the courier takes it out when the slot begins", async ({ page, js, shopper, clock, baseURL }) => {
  await fillCart(page, js, 1);
  await page.goto("/checkout");
  await ready(page, js);
  await page.getByRole("navigation", { name: "Способ получения" }).getByRole("link", { name: "Курьером" }).click();
  await expect(page).toHaveURL(/delivery=courier/);
  await ready(page, js);
  await expect(page.getByRole("link", { name: "Курьером" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("group", { name: "Пункт выдачи" })).toHaveCount(0);
  const days = page.getByLabel("День доставки");
  await expect(days.getByRole("option")).toHaveCount(7);

  // An address without a house number is explained, and nothing is placed.
  await page.getByLabel("Адрес доставки").fill("ул. Ленина");
  await page.getByLabel("Имя и фамилия получателя").fill("Иван Петров");
  await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Укажите номер дома." })).toBeVisible();
  await ready(page, js);

  const day = (await days.getByRole("option").nth(2).innerText()).trim();
  await page.getByLabel("Адрес доставки").fill("ул. Ленина, д. 5, кв. 12");
  // Without JavaScript the page came back from the server: the name is typed again.
  if (!js) await page.getByLabel("Имя и фамилия получателя").fill("Иван Петров");
  await days.selectOption({ label: day });
  await page.getByRole("radio", { name: "14:00–18:00" }).check();
  if (!js) await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-address")).toHaveText("Москва, ул. Ленина, д. 5, кв. 12");
  await expect(page.getByTestId("order-when")).toHaveText(`${day}, 14:00–18:00`);
  await expect(page.getByText("Назовите его курьеру при получении.", { exact: false })).toBeVisible();

  // Three days and more pass: the goods are in the city, but the courier takes the
  // order out only on the day chosen, at 14:00.
  const placedAt = moscow(await page.getByRole("heading", { level: 1 }).innerText());
  const slot = moscow(day) + 14 * 3600 * 1000;
  await clock.advance(slot - 60 * 60 * 1000 - placedAt);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("posting-status")).toHaveText("В пути");
  await clock.advance(90 * 60 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("posting-status")).toHaveText("У курьера");
  await expect(page.getByRole("list", { name: /История/ })).toContainText("У курьера");
  await expect(page.getByRole("button", { name: "Продлить хранение на 3 дня" })).toHaveCount(0);
  await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{3} \d{3} \d{2}$/);
});
