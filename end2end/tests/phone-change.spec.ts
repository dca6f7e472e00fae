import { test, expect, ready, uniquePhone } from "./fixtures";

test("without the old number the change waits 14 days and can be cancelled", async ({ page, js, shopper: phone, outbox }, info) => {
  const next = uniquePhone("new " + info.title + info.project.name);
  await ready(page, js);

  await page.getByLabel("Новый номер").fill(next.typed);
  await page.getByRole("checkbox", { name: "Нет доступа к старому номеру" }).check();
  await page.getByRole("button", { name: "Сменить номер" }).click();
  const code = await outbox.next(next.e164, 0);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByText(/Номер сменится на \+7 950 .* \d{4}-\d\d-\d\d\./)).toBeVisible();
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
  // The old number was told (by an SMS sent in the background).
  await expect.poll(async () => (await outbox.all(phone.e164)).join("\n")).toContain("без доступа к старому номеру");

  await ready(page, js);
  await page.getByRole("button", { name: "Отменить смену номера" }).click();
  await expect(page.getByLabel("Новый номер")).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Сообщения безопасности" })).toContainText("Смена номера телефона отменена");
});
