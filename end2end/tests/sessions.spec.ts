import { clientIp, test, expect, ready, signIn } from "./fixtures";

test("the sessions list shows two browsers and signs the other one out", async ({ page, browser, baseURL, js, shopper: phone, clock }, info) => {
  // The other browser is on another network.
  const otherIp = clientIp(`${info.title} other ${info.project.name}`);
  const other = await browser.newContext({
    javaScriptEnabled: js,
    baseURL,
    locale: "ru-RU",
    extraHTTPHeaders: { "X-Forwarded-For": otherIp },
  });
  const second = await other.newPage();
  await clock.advance(60_000);
  await signIn(second, phone, js);

  await page.goto("/account/security");
  await ready(page, js);
  const sessions = page.getByRole("list", { name: "Активные сеансы" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("Это устройство")).toHaveCount(1);
  await expect(sessions).toContainText(clientIp(info.title + info.project.name));
  await expect(sessions).toContainText(otherIp);
  await expect(page.getByRole("list", { name: "Сообщения безопасности" })).toContainText("Выполнен вход в аккаунт");
  await expect(page.getByRole("list", { name: "История входов" })).toContainText("Регистрация");

  await sessions.getByRole("button", { name: /Выйти на этом устройстве/ }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);

  await second.goto("/account");
  await expect(second).toHaveURL(/\/signin\?next=\/account$/);
  await other.close();
});
