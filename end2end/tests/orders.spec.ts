import { test, expect, ready, kopecks } from "./fixtures";
import { activateCertificate, issueCertificates as issue } from "./wallet";
import { fillCart, placeOnReceipt } from "./orders";
import { signIn, uniquePhone } from "./account";
import { clientIp } from "./fixtures";

test.use({ allowConsole: [/status of (400|401|409)/] });

function rub(k: number): RegExp {
  const r = Math.floor(k / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\\s");
  return new RegExp(`^${r}\\s₽$`);
}

test("a shopper checks out two items to a pickup point found by metro, pays from Rynok Account and cancels them one by one", async ({ page, js, shopper, baseURL }) => {
  const [code] = await issue(page.request, baseURL!, 20000, 1);
  await activateCertificate(page.request, baseURL!, code);
  const items = await fillCart(page, js, 2);
  const goods = items[0].price + items[1].price;

  await page.goto("/cart");
  await ready(page, js);
  await page.getByRole("link", { name: "Перейти к оформлению" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("heading", { name: "Оформление заказа", level: 1 })).toBeVisible();
  await expect(page.getByTestId("checkout-goods")).toHaveText(rub(goods));
  // A new account's first-order discount is applied; this shopper keeps it for later.
  await expect(page.getByTestId("first-order")).toContainText("Скидка 10 % на первый заказ: −");
  await ready(page, js);
  await page.getByRole("link", { name: "Сохранить скидку для другого заказа" }).click();
  await expect(page.getByTestId("first-order")).toContainText("не применена и ждёт вас");
  await expect(page.getByTestId("checkout-first-discount")).toHaveCount(0);
  await ready(page, js);

  // The points of Moscow near the metro station "Арбатская".
  await page.getByLabel("Город", { exact: true }).selectOption("Москва");
  await page.getByLabel("Адрес или метро").fill("арбатская");
  await page.getByRole("button", { name: "Найти пункты" }).click();
  await expect(page).toHaveURL(/near=%D0%B0%D1%80%D0%B1.*first_order=later/);
  await expect(page.getByTestId("points-found")).toHaveText(/^Пунктов выдачи: [1-9]\d*$/);
  await ready(page, js);
  const points = page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio");
  await expect(points.first()).toBeVisible();
  await expect(page.getByRole("group", { name: "Пункт выдачи" })).toContainText("м. Арбатская");
  await points.first().check();

  await page.getByLabel("Имя и фамилия получателя").fill("Мария Иванова");
  await expect(page.getByLabel("Телефон получателя")).toHaveValue(shopper.shown);
  await page.getByRole("radio", { name: /Rynok Счёт — доступно 20\s000\s₽/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();

  // The order's page: waiting for packaging, its pickup code, paid from the wallet.
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByRole("heading", { name: /^Заказ № \d{8} от / })).toBeVisible();
  await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{3} \d{3} \d{2}$/);
  // What was ordered left the cart, and the header says so.
  await expect(page.getByTestId("cart-badge")).toHaveCount(0);
  await expect(page.getByRole("complementary")).toContainText("Мария Иванова, " + shopper.shown);
  await expect(page.getByTestId("posting-status").first()).toHaveText("Ожидает сборки");
  const total = kopecks(await page.getByTestId("order-total").innerText());
  expect(total).toBeGreaterThanOrEqual(goods);
  await expect(page.getByTestId("order-paid")).toHaveText(rub(total));
  await expect(page.getByRole("list", { name: /История/ }).first()).toContainText("Ожидает сборки");
  await ready(page, js);

  // One item goes: its money is back, the delivery stays as it was.
  await page.getByRole("button", { name: `Отменить «${items[0].title}»` }).click();
  await expect(page.getByTestId("order-refunded")).toHaveText(rub(items[0].price));
  await expect(page.getByText("Отменён", { exact: true }).first()).toBeVisible();
  await ready(page, js);
  // Then the rest.
  await page.getByRole("button", { name: "Отменить заказ" }).click();
  await expect(page.getByTestId("order-refunded")).toHaveText(rub(total));
  await expect(page.getByTestId("pickup-code")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Отменить заказ" })).toHaveCount(0);

  // The wallet has it all back, and the orders list files it under cancelled.
  await page.goto("/account/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^20\s000\s₽$/);
  await expect(page.getByRole("row").filter({ hasText: "Возврат" })).toHaveCount(2);
  await page.goto("/account/orders");
  await ready(page, js);
  await page.getByRole("link", { name: "Отменённые" }).click();
  await expect(page).toHaveURL(/filter=cancelled/);
  await expect(page.getByTestId("order-status")).toHaveText(["Отменён"]);
  await page.getByRole("link", { name: "Активные" }).click();
  await expect(page.getByText("Здесь пока пусто.")).toBeVisible();
});

test("a guest at checkout is sent to sign in with checkout as the way back", async ({ page, js }) => {
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/signin\?next=\/checkout$/);
});

test("paying on receipt: the sum is due at the pickup point, a refused name is explained, and the order arrives as the clock moves", async ({ page, js, shopper, clock, baseURL }) => {
  const [item] = await fillCart(page, js, 1);
  await page.goto("/checkout?city=Казань");
  await ready(page, js);
  await expect(page.getByLabel("Город", { exact: true })).toHaveValue("Казань");
  await page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first().check();
  await page.getByLabel("Имя и фамилия получателя").fill("Иван2");
  await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "В имени получателя могут быть только буквы" })).toBeVisible();
  await ready(page, js);
  // The page kept its key; the second try places the order once.
  if (!js) await page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first().check();
  if (!js) await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByLabel("Имя и фамилия получателя").fill("Иван Петров");
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-pay")).toHaveText("При получении");
  // The first-order discount may leave kopecks: the due is the total to the kopeck.
  await expect(page.getByTestId("order-due")).toHaveText(await page.getByTestId("order-total").innerText());
  await expect(page.getByRole("main")).toContainText(item.title);
  await expect(page.getByTestId("posting-status")).toHaveText("Ожидает сборки");

  // Two days on, the logistics job has brought it to the pickup point, where it is
  // kept for its storage days; the shopper keeps it three days longer, once.
  await clock.advance(2 * 24 * 3600 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("posting-status")).toHaveText(/^В пункте выдачи · Хранится до \d\d\.\d\d\.\d{4}$/);
  const until = (await page.getByTestId("posting-status").innerText()).slice(-10);
  await expect(page.getByRole("list", { name: /История/ })).toContainText("В пути");
  await ready(page, js);
  await page.getByRole("button", { name: "Продлить хранение на 3 дня" }).click();
  await expect(page.getByText("Хранение продлено")).toBeVisible();
  const [d, m, y] = until.split(".").map(Number);
  const later = new Date(Date.UTC(y, m - 1, d + 3));
  const want = `${String(later.getUTCDate()).padStart(2, "0")}.${String(later.getUTCMonth() + 1).padStart(2, "0")}.${later.getUTCFullYear()}`;
  await expect(page.getByTestId("posting-status")).toHaveText(`В пункте выдачи · Хранится до ${want}`);
});

test("the pickup point's operator hands over one of two items by the shopper's code and takes the payment", async ({ page, js, shopper, clock, baseURL, browser }, info) => {
  const items = await fillCart(page, js, 2);
  const point = await placeOnReceipt(page, js);
  const orderUrl = page.url();
  await clock.advance(2 * 24 * 3600 * 1000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  const code = (await page.getByTestId("pickup-code").innerText()).replace(/\s/g, "");
  expect(code).toMatch(/^\d{8}$/);
  await expect(page.getByRole("img", { name: "Штрихкод кода получения" })).toBeVisible();

  // The operator of that point, in a browser of their own.
  const seed = "operator " + info.title + info.project.name;
  const phone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role: "operator", scope: point }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const desk = await ctx.newPage();
  await signIn(desk, phone, js);
  await desk.goto("/pickup");
  await ready(desk, js);
  await desk.getByLabel("Код получения от покупателя").fill(code.slice(0, 3) + " " + code.slice(3));
  await desk.getByRole("button", { name: "Найти заказ" }).click();
  await expect(desk.getByTestId("handover-recipient")).toHaveText("Получатель: Иван Петров — сверьте с паспортом");
  const waiting = desk.getByRole("list", { name: "Ждут выдачи" }).getByRole("listitem");
  await expect(waiting).toHaveCount(2);
  await ready(desk, js);

  // The shopper takes the first item only: the second is refused and goes back.
  await desk.getByRole("button", { name: `Покупатель отказался от «${items[1].title}»` }).click();
  await expect(waiting).toHaveCount(1);
  await expect(desk.getByText(/^К оплате при получении: /)).toBeVisible();
  await ready(desk, js);
  // Handing over without the payment ticked is refused, then it goes through.
  await desk.getByRole("button", { name: "Выдать заказ" }).click();
  await expect(desk.getByRole("alert").filter({ hasText: "Отметьте, что оплата получена." })).toBeVisible();
  await ready(desk, js);
  await desk.getByLabel("Оплата получена").check();
  await desk.getByRole("button", { name: "Выдать заказ" }).click();
  await expect(desk.getByTestId("handed-over")).toHaveText(/^Заказ № \d{8} выдан\.$/);
  await ctx.close();

  // The shopper's order: one item received, the refused one returned, nothing due.
  await page.goto(orderUrl);
  await expect(page.getByTestId("posting-status")).toHaveText(["Получен", "Не забран, возвращён продавцу"]);
  await expect(page.getByTestId("pickup-code")).toHaveCount(0);
  await expect(page.getByTestId("order-due")).toHaveCount(0);
  // "Купленные товары" lists what was taken, not what was refused.
  await page.goto("/account/purchases");
  const bought = page.getByRole("list", { name: "Купленные товары" }).getByRole("listitem");
  await expect(bought).toHaveCount(1);
  await expect(bought).toContainText(items[0].title);
});

test("a shopper pays an order by a 3-D Secure test card, and a cancel gives the money back to the card", async ({ page, js, shopper }) => {
  const [item] = await fillCart(page, js, 1);
  await page.goto("/checkout");
  await ready(page, js);
  await page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first().check();
  await page.getByLabel("Имя и фамилия получателя").fill("Мария Иванова");
  await page.getByRole("radio", { name: "Банковской картой онлайн" }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();

  // The provider's page (the stand-in), then its 3-D Secure page, then the order.
  await expect(page.getByRole("heading", { name: "Оплата картой" })).toBeVisible();
  await page.getByLabel("Номер карты").fill("5555 5555 5555 4444");
  await page.getByLabel("Срок действия (ММ/ГГ)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Оплатить" }).click();
  await expect(page.getByRole("heading", { name: "Подтверждение 3-D Secure" })).toBeVisible();
  await page.getByLabel("Код из SMS").fill("123456");
  await page.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("posting-status")).toHaveText("Ожидает сборки");
  await expect(page.getByTestId("order-pay")).toHaveText("Банковская карта");
  const total = await page.getByTestId("order-total").innerText();
  await expect(page.getByTestId("order-paid")).toHaveText(total);
  await expect(page.getByRole("main")).toContainText(item.title);
  await ready(page, js);

  await page.getByRole("button", { name: "Отменить заказ" }).click();
  await expect(page.getByTestId("order-refunded")).toHaveText(total);
  await expect(page.getByTestId("posting-status")).toHaveText("Отменён");
});

test("an order paid with bonus points and Rynok Account is cancelled, and both come back", async ({ page, js, shopper, baseURL }) => {
  const res = await page.request.post("/dev/points", { form: { phone: shopper.e164, amount: "500" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const [code] = await issue(page.request, baseURL!, 5000, 1);
  await activateCertificate(page.request, baseURL!, code);
  const items = await fillCart(page, js, 2);
  const goods = items[0].price + items[1].price;
  // A quarter of the goods at most, in whole points.
  const points = Math.min(500, Math.floor(goods / 400));

  // The first-order discount kept for later: the quarter is of the goods as they are.
  await page.goto("/checkout?first_order=later");
  await ready(page, js);
  await page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first().check();
  await page.getByLabel("Имя и фамилия получателя").fill("Мария Иванова");
  await page.getByLabel(new RegExp(`^Списать ${points} баллов`)).check();
  await page.getByRole("radio", { name: /Rynok Счёт — доступно/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-points")).toHaveText(rub(points * 100));
  await ready(page, js);

  await page.getByRole("button", { name: "Отменить заказ" }).click();
  await expect(page.getByTestId("order-points-back")).toHaveText(rub(points * 100));
  // A receipt for each payment and each refund: points and the wallet, both ways.
  const receipts = page.getByRole("list", { name: "Чеки" }).getByRole("listitem");
  await expect(receipts).toHaveCount(4);
  await expect(receipts.filter({ hasText: "Оплата, Баллы" })).toHaveCount(1);
  await expect(receipts.filter({ hasText: "Возврат, Rynok Счёт" })).toHaveCount(1);
  await page.goto("/account/points");
  await expect(page.getByTestId("points-balance")).toHaveText(/^500\b/);
  await page.goto("/account/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^5\s000\s₽$/);
});

test("a promo code works once and is refused the second time", async ({ page, js, shopper }) => {
  await fillCart(page, js, 1);
  await page.goto("/checkout");
  await ready(page, js);
  await page.getByRole("textbox", { name: "Промокод" }).fill("rynok5");
  await page.getByRole("button", { name: "Применить" }).click();
  await expect(page.getByTestId("promo-applied")).toHaveText(/^Промокод RYNOK5 применён: −/);
  const discount = await page.getByTestId("checkout-discount").innerText();
  const firstDiscount = await page.getByTestId("checkout-first-discount").innerText();
  expect(kopecks(firstDiscount)).toBeGreaterThan(0);
  await ready(page, js);
  await page.getByRole("group", { name: "Пункт выдачи" }).getByRole("radio").first().check();
  await page.getByLabel("Имя и фамилия получателя").fill("Мария Иванова");
  await page.getByRole("radio", { name: /При получении/ }).check();
  await page.getByRole("button", { name: "Оформить заказ" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-discount")).toHaveText(discount);
  // The first-order discount came on top, on what the code left.
  await expect(page.getByTestId("order-first-discount")).toHaveText(firstDiscount);

  // Once per account: the second order is told so.
  await fillCart(page, js, 1);
  await page.goto("/checkout?promo=RYNOK5");
  await expect(page.getByRole("alert").filter({ hasText: "Вы уже воспользовались этим промокодом." })).toBeVisible();
  await expect(page.getByTestId("checkout-discount")).toHaveCount(0);
});
