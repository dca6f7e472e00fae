import { Page } from "@playwright/test";

/// Waits until the WASM has hydrated the page (a no-op without JavaScript).
export async function ready(page: Page, js: boolean) {
  if (js) {
    await page.waitForFunction(() => (window as any).__hydrated === true);
    await page.waitForLoadState("networkidle");
  }
}
