import { test, expect, ready, kopecks } from "./fixtures";
import { accountNumber, activateCertificate, issueCertificates as issue } from "./wallet";
import * as fs from "node:fs";

const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A well-formed certificate code (its check character right, Luhn mod 32, as
/// app/src/wallet/certificates/model.rs computes it) that no certificate has.
function strangerCode(): string {
  let body = "";
  for (let i = 0; i < 15; i++) body += ALPHABET[Math.floor(Math.random() * 32)];
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body[i]);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return body + ALPHABET[(32 - (sum % 32)) % 32];
}

test.use({ allowConsole: [/status of (400|409|429)/] });

test("a gift certificate tops up Rynok Account once; a wrong code is refused", async ({ page, js, shopper, baseURL }) => {
  const [code] = await issue(page.request, baseURL!, 1500, 1);
  await page.goto("/account");
  await page.getByRole("navigation", { name: "Личный кабинет" }).getByRole("link", { name: "Rynok Счёт" }).click();
  await expect(page).toHaveURL(/\/account\/wallet$/);
  await expect(page.getByRole("heading", { name: "Rynok Счёт", level: 1 })).toBeVisible();
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^0\s₽$/);
  await expect(page.getByText("Операций пока нет.")).toBeVisible();
  await ready(page, js);

  // A typo: the check character catches it.
  const typo = (code[0] === "A" ? "B" : "A") + code.slice(1);
  await page.getByLabel("Код сертификата").fill(typo);
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Похоже, в коде опечатка" })).toBeVisible();
  await ready(page, js);

  // A well-formed code no certificate has: refused, and the tries left are said.
  await page.getByLabel("Код сертификата").fill(strangerCode());
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Сертификата с таким кодом нет. Осталось попыток: 4." })).toBeVisible();
  await ready(page, js);

  await page.getByLabel("Код сертификата").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Активировать" }).click();
  if (js) await expect(page.getByRole("status").filter({ hasText: "зачислено на Rynok Счёт" })).toBeVisible();
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^1\s500\s₽$/);
  const row = page.getByRole("row").filter({ hasText: "Подарочный сертификат" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Выполнено");
  await ready(page, js);

  // The same code again changes nothing.
  await page.getByLabel("Код сертификата").fill(code);
  await page.getByRole("button", { name: "Активировать" }).click();
  await page.goto("/account/wallet");
  expect(kopecks((await page.getByTestId("wallet-balance").textContent()) ?? "")).toBe(150_000);
  await expect(page.getByRole("row").filter({ hasText: "Подарочный сертификат" })).toHaveCount(1);
});

test("the history filters by type and period and exports a CSV that adds up", async ({ page, js, shopper, baseURL }) => {
  for (const code of await issue(page.request, baseURL!, 700, 2)) {
    await activateCertificate(page.request, baseURL!, code);
  }
  await page.goto("/account/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^1\s400\s₽$/);
  await ready(page, js);

  await page.getByLabel("Тип операции").selectOption("withdrawal");
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page).toHaveURL(/kind=withdrawal/);
  await expect(page.getByText("Операций пока нет.")).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Тип операции").selectOption("certificate");
  await page.getByLabel("С даты").fill("2020-01-01");
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Подарочный сертификат" })).toHaveCount(2);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Скачать CSV" }).click(),
  ]);
  const path = await download.path();
  const text = fs.readFileSync(path, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split("\r\n").map((l) => l.split(";"));
  expect(lines[0].slice(0, 3)).toEqual(["Дата", "Операция", "Сумма, ₽"]);
  const rows = lines.slice(1, -1);
  expect(rows).toHaveLength(2);
  const sum = rows.reduce((s, r) => s + kopecks(r[2]), 0);
  const totals = lines[lines.length - 1];
  expect(kopecks(totals[1])).toBe(sum);
  expect(sum).toBe(140_000);
  // The newest line's balance is the balance.
  expect(kopecks(rows[0][4])).toBe(140_000);
});

test("a 3-D Secure card tops up 1 500 ₽; a declined card leaves the balance as it was, with the reason", async ({ page, js, shopper }) => {
  await page.goto("/account/wallet");
  await ready(page, js);
  await page.getByLabel("Сумма пополнения, ₽").fill("50");
  await page.getByRole("button", { name: "Пополнить" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "не меньше 100 ₽" })).toBeVisible();
  await ready(page, js);

  await page.getByLabel("Сумма пополнения, ₽").fill("1 500");
  await page.getByRole("button", { name: "Пополнить" }).click();
  // The provider's page (the stand-in), then its 3-D Secure page.
  await expect(page.getByRole("heading", { name: "Оплата картой" })).toBeVisible();
  await page.getByLabel("Номер карты").fill("5555 5555 5555 4444");
  await page.getByLabel("Срок действия (ММ/ГГ)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Оплатить" }).click();
  await expect(page.getByRole("heading", { name: "Подтверждение 3-D Secure" })).toBeVisible();
  await page.getByLabel("Код из SMS").fill("123456");
  await page.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page).toHaveURL(/\/account\/wallet\/topup\/\d+$/);
  await expect(page.getByTestId("topup-status")).toHaveText("Зачислено на Rynok Счёт");
  await page.getByRole("link", { name: "Вернуться в Rynok Счёт" }).click();
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^1\s500\s₽$/);
  // The header's account menu shows it too, and the inbox tells of the top-up.
  await page.getByLabel("Меню кабинета").click();
  await expect(page.getByTestId("menu-balance")).toHaveText(/^1\s500\s₽$/);
  await expect(page.getByTestId("notices-badge")).toHaveText("1");
  await ready(page, js);

  // A card without the money: declined, nothing taken, and the page says why.
  await page.getByLabel("Сумма пополнения, ₽").fill("700");
  await page.getByRole("button", { name: "Пополнить" }).click();
  await page.getByLabel("Номер карты").fill("5555 5555 5555 5599");
  await page.getByLabel("Срок действия (ММ/ГГ)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Оплатить" }).click();
  await expect(page.getByTestId("topup-status")).toHaveText("Не оплачено, деньги не списаны");
  await expect(page.getByText("на карте недостаточно средств")).toBeVisible();
  await page.goto("/account/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^1\s500\s₽$/);
  await expect(page.getByRole("row").filter({ hasText: "Пополнение картой" }).filter({ hasText: "Отменено" })).toHaveCount(1);
});

test("withdrawals: the 100 ₽ rule, a bad account key, a code, 'поступят до' and paid three business days on; deletion waits", async ({ page, js, shopper, baseURL, outbox, clock }) => {
  const [code] = await issue(page.request, baseURL!, 1500, 1);
  await activateCertificate(page.request, baseURL!, code);
  const bik = "044525225";
  const good = accountNumber(bik, "7788");
  const badKey = good.slice(0, 8) + String((Number(good[8]) + 1) % 10) + good.slice(9);
  const fill = async (amount: string, account: string) => {
    await page.getByLabel("Сумма, ₽").fill(amount);
    await page.getByLabel("Получатель (фамилия, имя, отчество)").fill("Иванова Мария Петровна");
    await page.getByLabel("БИК банка").fill(bik);
    await page.getByLabel("Номер счёта (20 цифр)").fill(account);
    await page.getByRole("button", { name: "Получить код" }).click();
  };
  await page.goto("/account/wallet");
  await ready(page, js);
  await fill("50", good);
  await expect(page.getByRole("alert").filter({ hasText: "Сумма — не меньше 100 ₽" })).toBeVisible();
  await ready(page, js);
  await fill("1000", badKey);
  await expect(page.getByRole("alert").filter({ hasText: "Номер счёта не сходится с БИК" })).toBeVisible();
  await ready(page, js);

  // The sign-in's code went to this phone: the next may go a minute later.
  await clock.advance(61_000);
  const before = await outbox.count(shopper.e164);
  await fill("1000", good);
  await expect(page.getByText("Код для подтверждения вывода отправлен")).toBeVisible();
  const sms = await outbox.next(shopper.e164, before);
  await ready(page, js);
  await page.getByLabel("Код из SMS").fill(sms);
  await page.getByRole("button", { name: "Подтвердить вывод" }).click();
  const line = page.getByTestId("withdrawal").first();
  await expect(line).toContainText("В пути");
  await expect(line).toContainText(/поступят до \d\d\.\d\d\.\d{4}/);
  // The arrival date is three business days after the confirmation (whose date the
  // timeline shows: the test server's clock is moved by other tests too).
  const text = (await line.textContent()) ?? "";
  const day = (d: string[]) => Date.UTC(Number(d[3]), Number(d[2]) - 1, Number(d[1]));
  const due = day(text.match(/поступят до (\d\d)\.(\d\d)\.(\d{4})/)!);
  const confirmed = day(text.match(/(\d\d)\.(\d\d)\.(\d{4}) \d\d:\d\d/)!);
  const days = (due - confirmed) / 86_400_000;
  expect(days).toBeGreaterThanOrEqual(3);
  // At most 14: three business days from 30 December end on 13 January, the New
  // Year holidays (31 December to 10 January) between.
  expect(days).toBeLessThanOrEqual(14);
  await expect(page.getByTestId("wallet-available")).toHaveText(/^500\s₽$/);

  // Deleting the account now is held up, with the reasons listed.
  await page.goto("/account");
  await ready(page, js);
  await page.getByRole("button", { name: "Получить код для удаления" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "на Rynok Счёте остались деньги" })).toContainText("вывод денег ещё в пути");

  // By the arrival date the job has paid it.
  await clock.advance(days * 86_400_000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.goto("/account/wallet");
  await expect(page.getByTestId("withdrawal").first()).toContainText("Поступили в банк");
  await expect(page.getByTestId("wallet-balance")).toHaveText(/^500\s₽$/);
  // The form offers the details of the last withdrawal again.
  await expect(page.getByLabel("Номер счёта (20 цифр)")).toHaveValue(good);
});
