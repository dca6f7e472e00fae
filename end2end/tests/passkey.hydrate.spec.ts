import { test, expect, ready } from "./fixtures";
import { Page } from "@playwright/test";

/// Chromium's virtual authenticator stands in for a fingerprint reader.
async function addFingerprintReader(page: Page) {
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
}

test("a passkey is added in Security, signs in without a code, and can be removed", async ({ page, shopper: phone }) => {
  await addFingerprintReader(page);
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
});

test.describe("a session signed in long ago", () => {
  // The refused first try is a 403 answer, which the browser logs.
  test.use({ allowConsole: [/status of 403/] });

  test("proves the phone with a code before it adds a passkey, and the new key is offered for removal", async ({ page, shopper: phone, outbox, clock }) => {
    await addFingerprintReader(page);
    // Eleven minutes later the sign-in no longer counts as a fresh proof.
    await clock.advance(11 * 60_000);
    await page.goto("/account/security");
    await ready(page, true);
    const keys = page.getByRole("region", { name: "Ключи входа (passkeys)" });
    await keys.getByLabel("Название ключа").fill("Чужой ключ");
    await keys.getByRole("button", { name: "Добавить ключ" }).click();
    await expect(keys.getByText("подтвердите, что это вы")).toBeVisible();
    const before = await outbox.count(phone.e164);
    await keys.getByRole("button", { name: "Получить код" }).click();
    const code = await outbox.next(phone.e164, before);
    await keys.getByLabel("Код", { exact: true }).fill(code);
    await keys.getByRole("button", { name: "Подтвердить" }).click();
    await expect(keys.getByText("Готово: теперь можно добавить ключ.")).toBeVisible();
    await keys.getByRole("button", { name: "Добавить ключ" }).click();
    await expect(keys.getByRole("list")).toContainText("Чужой ключ");
    // The phone is told, and the owner is offered to remove what is new.
    await expect.poll(() => outbox.last(phone.e164)).toContain("добавлен ключ входа «Чужой ключ»");
    await page.reload();
    await ready(page, true);
    const recent = page.getByRole("group", { name: "Добавлено за последние 7 дней" });
    await expect(recent).toContainText("ключ «Чужой ключ»");
    await page.getByRole("button", { name: "Выйти на всех других устройствах" }).click();
    await expect(page.getByText("Другие сеансы завершены.")).toBeVisible();
    await recent.getByRole("button", { name: "Удалить эти способы входа" }).click();
    await expect(keys.getByText("Ключей пока нет")).toBeVisible();
    await expect(page.getByRole("group", { name: "Добавлено за последние 7 дней" })).toHaveCount(0);
  });
});
