import { test, expect, ready } from "./fixtures";
import { uniquePhone } from "./account";

test("the resend button counts down from a minute", async ({ page }, info) => {
  const phone = uniquePhone(info.title);
  await page.goto("/signin");
  await ready(page, true);
  await page.getByLabel("Номер телефона").fill(phone.typed);
  await page.getByRole("button", { name: "Получить код" }).click();
  const status = page.getByRole("status").filter({ hasText: "Новый код через" });
  await expect(status).toHaveText(/Новый код через (1:00|0:5\d)/);
  await expect(status).toHaveText(/Новый код через 0:5[0-7]/, { timeout: 5_000 });
  await expect(page.getByRole("button", { name: "Получить код по SMS" })).toBeDisabled();
});
