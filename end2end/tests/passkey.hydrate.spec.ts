import { test, expect, ready } from "./fixtures";
import { advanceClock, signIn, uniquePhone } from "./account";

test("a passkey is added in Security, signs in without a code, and can be removed", async ({ page, baseURL }, info) => {
  // Chromium's virtual authenticator stands in for a fingerprint reader.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const phone = uniquePhone(info.title);
  await signIn(page, phone, true);
  await page.goto("/account/security");
  await ready(page, true);
  const keys = page.getByRole("region", { name: "Ключи входа (passkeys)" });
  await keys.getByLabel("Название ключа").fill("Ноутбук");
  await keys.getByRole("button", { name: "Добавить ключ" }).click();
  await expect(keys.getByRole("list")).toContainText("Ноутбук");

  await page.getByRole("button", { name: "Выйти", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();
  await page.goto("/signin");
  await ready(page, true);
  await page.getByRole("button", { name: "Войти с ключом (passkey)" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("my-phone")).toHaveText(phone.shown);

  await page.goto("/account/security");
  await ready(page, true);
  await expect(page.getByRole("list", { name: "История входов" })).toContainText("Вход");
  await keys.getByRole("button", { name: "Удалить ключ — Ноутбук" }).click();
  await expect(keys.getByText("Ключей пока нет")).toBeVisible();
  void advanceClock;
  void baseURL;
});
