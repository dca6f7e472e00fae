import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

const pages = ["/", "/category/electronics", "/search?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD", "/product/x-1", "/cart", "/signin", "/signin?by=email", "/signin/recovery"];

for (const path of pages) {
  test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    expect(bad).toEqual([]);
  });
}

