import { test, expect } from "./fixtures";

test("the main controls are reachable by keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "К содержимому" })).toBeFocused();
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.getAttribute("aria-label") ?? el.textContent?.trim()}` : "";
    });
    seen.add(label);
  }
  expect([...seen].some((s) => s.startsWith("INPUT"))).toBeTruthy();
  expect([...seen].some((s) => s.includes("Корзина"))).toBeTruthy();
});
