import { test as base, expect, Page } from "@playwright/test";

/// A private address of its own for each test and seed, so the server's per-IP send
/// limits (30 codes an hour) count each test as the separate shopper it plays
/// (the e2e server trusts loopback as its proxy, APP_TRUSTED_PROXIES, and takes the
/// rightmost X-Forwarded-For entry that is not a proxy: this one).
export function clientIp(seed: string): string {
  let h = 7;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 253) + 1}`;
}

/// Every test fails on a console error, an uncaught exception or a hydration warning.
export const test = base.extend<{ consoleProblems: string[]; allowConsole: RegExp[] }>({
  allowConsole: [[], { option: true }],
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, info) => {
    await use({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp(info.title + info.project.name) });
  },
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
