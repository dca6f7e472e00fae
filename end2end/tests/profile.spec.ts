import { test, expect, ready } from "./fixtures";

test.use({ allowConsole: [/status of 400/] });

test("my data: the profile is saved, a bad date refused, an email confirmed and used to sign in", async ({ page, js, shopper: phone, outbox, clock }, info) => {
  const email = `buyer-${phone.e164.slice(-7)}-${info.project.name}@example.ru`;
  await ready(page, js);

  await page.getByLabel("Фамилия", { exact: true }).fill("Иванова");
  await page.getByLabel("Имя", { exact: true }).fill("Мария");
  await page.getByLabel("Пол", { exact: true }).selectOption("female");
  await page.getByLabel("Дата рождения").fill("2999-01-01");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Дата рождения не может быть в будущем" })).toBeVisible();
  await ready(page, js);
  await page.getByLabel("Фамилия", { exact: true }).fill("Иванова");
  await page.getByLabel("Имя", { exact: true }).fill("Мария");
  await page.getByLabel("Дата рождения").fill("1991-03-08");
  // Wait for the save (and, without JavaScript, the page it redirects back to)
  // before reloading: a reload during that navigation detaches the page.
  const saved = page.waitForResponse((r) => r.url().includes("/api/account/profile/save"));
  await page.getByRole("button", { name: "Сохранить" }).click();
  await saved;
  await page.waitForLoadState("load");
  await page.reload();
  await expect(page.getByLabel("Фамилия", { exact: true })).toHaveValue("Иванова");
  await expect(page.getByLabel("Дата рождения")).toHaveValue("1991-03-08");
  await ready(page, js);

  // Add an email: a code goes there.
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByRole("button", { name: "Подтвердить почту" }).click();
  const code = await outbox.next(email, 0);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByTestId("my-email")).toHaveText(email);

  // Sign out, then in by email.
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();
  await clock.advance(60_000);
  await page.goto("/signin");
  await ready(page, js);
  await page.getByRole("link", { name: "Войти по почте" }).click();
  await page.getByLabel("Электронная почта").fill(email);
  const before = await outbox.count(email);
  await page.getByRole("button", { name: "Получить код" }).click();
  await expect(page.getByText("мы отправили на неё код")).toBeVisible();
  const signInCode = await outbox.next(email, before);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(signInCode);
  if (!js) await page.getByRole("button", { name: "Войти", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
});

test("an email added long after sign-in needs a code to the phone first, and the phone is told", async ({ page, js, shopper: phone, outbox, clock }, info) => {
  const email = `late-${phone.e164.slice(-7)}-${info.project.name}@example.ru`;
  // Eleven minutes on, the sign-in no longer counts as proof: a stolen session
  // cannot add its own email without the phone.
  await clock.advance(11 * 60_000);
  await page.reload();
  await ready(page, js);
  const before = await outbox.count(phone.e164);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByRole("button", { name: "Подтвердить почту" }).click();
  await expect(page.getByText(`Код отправлен: +7 950 ***-**-${phone.e164.slice(-2)}`)).toBeVisible();
  expect(await outbox.count(email)).toBe(0);
  const phoneCode = await outbox.next(phone.e164, before);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(phoneCode);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  const emailCode = await outbox.next(email, 0);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(emailCode);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByTestId("my-email")).toHaveText(email);
  await expect.poll(() => outbox.last(phone.e164)).toContain(`добавлена почта для входа: ${email}`);
});
