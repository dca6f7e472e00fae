import { test, expect, ready } from "./fixtures";
import { nextCode, signIn, uniquePhone } from "./account";

test("without the old number the change waits 14 days and can be cancelled", async ({ page, javaScriptEnabled }, info) => {
  const js = javaScriptEnabled !== false;
  const phone = uniquePhone(info.title + info.project.name);
  const next = uniquePhone("new " + info.title + info.project.name);
  await signIn(page, phone, js);
  await ready(page, js);

  await page.getByLabel("Новый номер").fill(next.typed);
  await page.getByRole("checkbox", { name: "Нет доступа к старому номеру" }).check();
  await page.getByRole("button", { name: "Сменить номер" }).click();
  const code = await nextCode(page.request, next.e164, 0);
  await ready(page, js);
  await page.getByLabel("Код", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Подтвердить", exact: true }).click();
  await expect(page.getByText(/Номер сменится на \+7 950 .* \d{4}-\d\d-\d\d\./)).toBeVisible();
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);
  // The old number was told (by an SMS sent in the background).
  await expect
    .poll(async () => {
      const res = await page.request.get(`/dev/outbox.json?to=${encodeURIComponent(phone.e164)}`);
      return JSON.stringify(await res.json());
    })
    .toContain("без доступа к старому номеру");

  await ready(page, js);
  await page.getByRole("button", { name: "Отменить смену номера" }).click();
  await expect(page.getByLabel("Новый номер")).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Сообщения безопасности" })).toContainText("Смена номера телефона отменена");
});
