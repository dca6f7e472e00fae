import { test as base, expect, Page } from "@playwright/test";

/// Every test fails on a console error, an uncaught exception or a hydration warning.
export const test = base.extend<{ consoleProblems: string[]; allowConsole: RegExp[] }>({
  allowConsole: [[], { option: true }],
  consoleProblems: [
    async ({ page, allowConsole, baseURL }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        const text = msg.text();
        if (allowConsole.some((re) => re.test(text))) return;
        // Other sites' pages (the test OpenID provider's) are not ours to judge.
        if (baseURL && !page.url().startsWith(baseURL)) return;
        if (msg.type() === "error" || (msg.type() === "warning" && /hydrat/i.test(text))) {
          problems.push(`${msg.type()}: ${text} [at ${page.url()}]`);
        }
      });
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      await use(problems);
      expect(problems, "browser console problems").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// Whether this project runs with JavaScript (and so hydrates).
export function hydrated(page: Page): boolean {
  return (page.context() as any)._options?.javaScriptEnabled !== false;
}

/// Waits until the WASM has hydrated the page (a no-op without JavaScript).
export async function ready(page: Page, js: boolean) {
  if (js) {
    await page.waitForFunction(() => (window as any).__hydrated === true);
    await page.waitForLoadState("networkidle");
  }
}

/// Parses "1 299 ₽" (narrow no-break spaces) into kopecks.
export function kopecks(text: string): number {
  const cleaned = text.replace(/[\s\u202F\u00A0₽−]/g, "");
  const [r, k = "0"] = cleaned.split(",");
  return Number(r) * 100 + Number(k.padEnd(2, "0"));
}
