import { test, expect, ready } from "./fixtures";
import { signIn, uniquePhone } from "./account";
import { clientIp } from "./fixtures";

test.use({ allowConsole: [/status of (400|401|403|404|409|429)/] });

const HOUR = 3600 * 1000;

/// A moment shown as "dd.mm.yyyy hh:mm" (Moscow time) as milliseconds of a UTC
/// clock showing the same digits, so days and hours can be counted on it.
function moscow(text: string): number {
  const m = text.match(/(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d)/)!;
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

test("a request made on a Saturday gets the automatic reply; an agent takes it on Monday and answers; the shopper rates it", async ({ page, js, shopper, clock, baseURL, browser }, info) => {
  // A support agent, signed in with a phone of their own in a browser of their own.
  const seed = "support " + info.title + info.project.name;
  const phone = uniquePhone(seed);
  const res = await page.request.post("/dev/staff", { form: { phone: phone.e164, role: "support", scope: "0" }, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(204);
  const ctx = await browser.newContext({ javaScriptEnabled: js, locale: "ru-RU", extraHTTPHeaders: { "X-Forwarded-For": clientIp(seed) } });
  const desk = await ctx.newPage();
  await signIn(desk, phone, js);

  // A shopper's first request, to learn the shop's time from its message.
  await page.goto("/messages");
  await page.getByRole("navigation", { name: "Разделы сообщений" }).getByRole("link", { name: "Поддержка" }).click();
  await expect(page).toHaveURL(/\/messages\/support$/);
  await expect(page.getByText("support@rynok.example", { exact: false })).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Тема").selectOption({ label: "Оплата" });
  await page.getByLabel("Сообщение").fill("Как оплатить частями?");
  await page.getByRole("button", { name: "Отправить обращение" }).click();
  await expect(page).toHaveURL(/\/messages\/support\/\d+$/);
  const first = page.getByTestId("messages").getByRole("listitem").first();
  const now = moscow(await first.innerText());

  // The next Saturday, 12:00 Moscow time.
  const day = new Date(now).getUTCDay();
  const saturday = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + ((6 - day + 7) % 7 || 7), 12);
  await clock.advance(saturday - now);

  await page.goto("/messages/support");
  await expect(page.getByText("Сейчас нерабочее время", { exact: false })).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Тема").selectOption({ label: "Возврат" });
  await page.getByLabel("Сообщение").fill("<b>Не принимают</b> возврат");
  await page.getByRole("button", { name: "Отправить обращение" }).click();
  await expect(page).toHaveURL(/\/messages\/support\/\d+$/);
  const request = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/№ \d\d-\d{6}/);
  const heading = await page.getByRole("heading", { level: 1 }).innerText();
  const number = heading.match(/№ (\d\d-\d{6})/)![1];
  const messages = page.getByTestId("messages");
  await expect(messages).toContainText("<b>Не принимают</b> возврат");
  await expect(messages.locator("b")).toHaveCount(0);
  const auto = messages.getByRole("listitem").filter({ hasText: "Автоответ" });
  await expect(auto).toHaveText(/Агент ответит после \d\d\.\d\d\.\d{4} 09:00 \(МСК\)/);
  const opens = moscow((await auto.innerText()).match(/после (\d\d\.\d\d\.\d{4} 09:00)/)![1]);
  expect(opens).toBeGreaterThan(saturday);
  expect(new Date(opens).getUTCDay()).toBeGreaterThanOrEqual(1);
  await ready(page, js);

  // Monday (or the first business day), 10:00: the agent takes it from the queue.
  await clock.advance(opens + HOUR - saturday);
  // The agent's account menu leads to the console; a shopper's has no such link.
  await desk.goto("/");
  await ready(desk, js);
  await desk.getByLabel("Меню кабинета").click();
  await desk.getByRole("link", { name: "Консоль поддержки" }).click();
  await expect(desk).toHaveURL(/\/support$/);
  await expect(page.getByRole("link", { name: "Консоль поддержки" })).toHaveCount(0);
  await desk.getByRole("link", { name: `Обращение № ${number}` }).click();
  await expect(desk).toHaveURL(/\/support\/\d+$/);
  await expect(desk.getByRole("region", { name: "Покупатель" })).toContainText(shopper.shown);
  await ready(desk, js);
  await desk.getByRole("button", { name: "Взять себе" }).click();
  await expect(desk.getByText(/^Ведёт: /)).toBeVisible();
  await ready(desk, js);
  await desk.getByLabel("Ответ").fill("Проверили: пункт выдачи примет возврат завтра.");
  await desk.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(desk.getByTestId("messages")).toContainText("Проверили: пункт выдачи примет возврат завтра.");

  // The shopper sees it: by itself when hydrated, after "Обновить" without JavaScript.
  if (!js) await page.getByRole("link", { name: "Обновить" }).click();
  await expect(messages).toContainText("Проверили: пункт выдачи примет возврат завтра.");
  await expect(page.getByText("Есть ответ")).toBeVisible();

  // Closed by the agent, the request is rated once.
  await ready(desk, js);
  await desk.getByLabel("Статус").selectOption({ label: "Закрыто" });
  await desk.getByRole("button", { name: "Изменить статус" }).click();
  await expect(desk.getByText("Закрыто").first()).toBeVisible();
  await page.goto(request);
  await ready(page, js);
  await expect(page.getByRole("textbox", { name: "Сообщение" })).toHaveCount(0);
  await page.getByRole("group", { name: "Оцените ответ поддержки" }).getByLabel("5 из 5").check();
  await page.getByRole("button", { name: "Оценить" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ваша оценка: 5 из 5" })).toBeVisible();
  await ctx.close();
});

test("the support console is the agents' own", async ({ page, shopper }) => {
  await page.goto("/support");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Обращения в поддержку");
  await expect(page.getByRole("link", { name: /Обращение №/ })).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveText("Эта страница — для агентов поддержки.");
});
