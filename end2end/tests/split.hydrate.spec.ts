import { test, expect, ready } from "./fixtures";

// The WASM is split by section: the storefront's first load fetches one module, and
// Rynok ID's code arrives in its own chunks only when a shopper goes there.
test("the storefront loads without Rynok ID's code, which arrives on demand", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto("/category/smartphones");
  await ready(page, true);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/pkg\/rynok\.[^/]+\.wasm$/);

  // The header's sign-in dialog brings its steps along when opened.
  await page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" }).click();
  const dialog = page.getByRole("dialog", { name: "Вход или регистрация" });
  await expect(dialog.getByLabel("Номер телефона")).toBeVisible();
  expect(wasm.slice(1).some((p) => /\/pkg\/(split_|chunk_)/.test(p))).toBe(true);
  await page.keyboard.press("Escape");

  // Landing on a Rynok ID page fetches that page's chunk before hydrating, and the
  // page works (the phone mask needs the WASM).
  const before = wasm.length;
  await page.goto("/signin");
  await ready(page, true);
  await expect(page.getByLabel("Номер телефона")).toBeVisible();
  await page.getByLabel("Номер телефона").pressSequentially("8950");
  await expect(page.getByLabel("Номер телефона")).toHaveValue("+7 950");
  expect(wasm.slice(before).some((p) => /\/pkg\/split_+sign_in_route_view_/.test(p))).toBe(true);
});
