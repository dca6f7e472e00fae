import { test, expect, ready } from "./fixtures";

test.use({ allowConsole: [/status of (400|409)/] });

test("a Rynok Card application: a bad INN, SNILS or passport is refused with its reason; a good one is approved", async ({ page, js, shopper, outbox, clock, baseURL }) => {
  await page.goto("/account");
  await page.getByRole("navigation", { name: "Личный кабинет" }).getByRole("link", { name: "Rynok Карта" }).click();
  await expect(page).toHaveURL(/\/account\/card$/);
  await ready(page, js);
  const fill = async (over: Record<string, string> = {}) => {
    const v = {
      last: "Иванова", first: "Мария", middle: "Петровна", birth: "1990-05-01",
      email: "maria@example.ru", word: "Ромашка", series: "4506", number: "123456",
      issued: "2010-06-01", issuer: "770-001", kind: "inn", doc: "500100732259", ...over,
    };
    await page.getByLabel("Фамилия", { exact: true }).fill(v.last);
    await page.getByLabel("Имя", { exact: true }).fill(v.first);
    await page.getByLabel("Отчество (если есть)").fill(v.middle);
    await page.getByLabel("Дата рождения").fill(v.birth);
    await page.getByLabel("Электронная почта").fill(v.email);
    await page.getByLabel("Кодовое слово").fill(v.word);
    await page.getByLabel("Серия паспорта").fill(v.series);
    await page.getByLabel("Номер паспорта").fill(v.number);
    await page.getByLabel("Дата выдачи паспорта").fill(v.issued);
    await page.getByLabel("Код подразделения").fill(v.issuer);
    await page.getByLabel("Документ", { exact: true }).selectOption(v.kind);
    await page.getByLabel("Номер ИНН или СНИЛС").fill(v.doc);
    await page.getByLabel("Согласен на обработку персональных данных").check();
    await page.getByRole("button", { name: "Отправить заявку" }).click();
  };
  await fill({ doc: "500100732258" });
  await expect(page.getByRole("alert").filter({ hasText: "ИНН с ошибкой" })).toBeVisible();
  await ready(page, js);
  await fill({ kind: "snils", doc: "112-233-445 96" });
  await expect(page.getByRole("alert").filter({ hasText: "СНИЛС с ошибкой" })).toBeVisible();
  await ready(page, js);
  await fill({ series: "450" });
  await expect(page.getByRole("alert").filter({ hasText: "Серия паспорта — 4 цифры" })).toBeVisible();
  await ready(page, js);

  await clock.advance(61_000);
  const before = await outbox.count(shopper.e164);
  await fill();
  const code = await outbox.next(shopper.e164, before);
  await expect(page.getByRole("heading", { name: "Подтвердите заявку" })).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Код из SMS").fill(code);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByTestId("card-status")).toHaveText("На рассмотрении в банке");
  // The secrets are shown masked.
  await expect(page.getByText("45 •• ••••56")).toBeVisible();
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("card-status")).toHaveText("Одобрена: карту выпускают");

  // A day later the card is issued; every step waits in the inbox, counted in the header.
  await clock.advance(86_400_000);
  await page.request.post("/dev/jobs", { headers: { Origin: baseURL! } });
  await page.reload();
  await expect(page.getByTestId("card-status")).toHaveText("Карта активна");
  await expect(page.getByTestId("notices-badge")).toHaveText("3");
  await page.getByRole("link", { name: /^Сообщения/ }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await page.getByRole("navigation", { name: "Разделы сообщений" }).getByRole("link", { name: "Уведомления" }).click();
  await expect(page).toHaveURL(/\/account\/notices$/);
  await ready(page, js);
  const notices = page.getByRole("list", { name: "Уведомления" });
  await expect(notices.getByRole("listitem")).toHaveCount(3);
  await expect(notices.getByRole("listitem").first()).toContainText(/Rynok Card •• \d{4} выпущена и активна/);
  await page.getByRole("button", { name: "Отметить всё прочитанным" }).click();
  await expect(page.getByRole("button", { name: "Отметить всё прочитанным" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("notices-badge")).toHaveCount(0);

  // Closing asks for the box to be ticked, then the card is closed and a new application is open.
  await notices.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/account\/card$/);
  await ready(page, js);
  await page.getByRole("button", { name: "Закрыть карту" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "карта перестанет работать" })).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Понимаю: карта перестанет работать").check();
  await page.getByRole("button", { name: "Закрыть карту" }).click();
  await expect(page.getByTestId("card-status")).toHaveText("Закрыта");
  await expect(page.getByRole("button", { name: "Отправить заявку" })).toBeVisible();
});
