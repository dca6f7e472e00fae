import { test as base, expect, Page } from "@playwright/test";
import { ready } from "./ready";
import { advanceClock, lastCode, nextCode, outboxCount, signIn, uniquePhone } from "./account";

/// A private address of its own for each test and seed, so the server's per-IP send
/// limits (30 codes an hour) count each test as the separate shopper it plays
/// (the e2e server trusts loopback as its proxy, APP_TRUSTED_PROXIES, and takes the
/// rightmost X-Forwarded-For entry that is not a proxy: this one).
export function clientIp(seed: string): string {
  let h = 7;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 253) + 1}`;
}

/// A phone number as typed, in E.164 and as the pages show it.
export type Phone = { typed: string; e164: string; shown: string };

/// The development outbox: the codes and messages the shop would have delivered.
export type Outbox = {
  /// The newest code to `to` (a number in E.164 or an email).
  code(to: string): Promise<string>;
  /// The code of the first message to `to` after `before` messages (waits for it).
  next(to: string, before: number): Promise<string>;
  /// How many messages `to` has had.
  count(to: string): Promise<number>;
  /// The newest message's text.
  last(to: string): Promise<string>;
  /// Every message's text, newest first.
  all(to: string): Promise<string[]>;
};

type Fixtures = {
  consoleProblems: string[];
  allowConsole: RegExp[];
  /// Whether this project runs with JavaScript (and so hydrates).
  js: boolean;
  /// A phone number no other test uses.
  phone: Phone;
  outbox: Outbox;
  /// The test server's clock.
  clock: { advance(ms: number): Promise<void> };
  /// A shopper signed in (signed up) with `phone`, on the account page.
  shopper: Phone;
};

/// Every test fails on a console error, an uncaught exception or a hydration warning.
export const test = base.extend<Fixtures>({
  allowConsole: [[], { option: true }],
  js: async ({ javaScriptEnabled }, use) => {
    await use(javaScriptEnabled !== false);
  },
  phone: async ({}, use, info) => {
    await use(uniquePhone(info.title + info.project.name));
  },
  outbox: async ({ page }, use) => {
    const messages = async (to: string) => {
      const res = await page.request.get(`/dev/outbox.json?to=${encodeURIComponent(to)}`);
      return ((await res.json()) as { body: string }[]).map((m) => m.body);
    };
    await use({
      code: (to) => lastCode(page.request, to),
      next: (to, before) => nextCode(page.request, to, before),
      count: (to) => outboxCount(page.request, to),
      last: async (to) => (await messages(to))[0] ?? "",
      all: messages,
    });
  },
  clock: async ({ page, baseURL }, use) => {
    await use({ advance: (ms) => advanceClock(page.request, baseURL!, ms) });
  },
  shopper: async ({ page, phone, js }, use) => {
    await signIn(page, phone, js);
    await use(phone);
  },
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

export { expect, ready, signIn, uniquePhone };

/// Whether this project runs with JavaScript (and so hydrates).
export function hydrated(page: Page): boolean {
  return (page.context() as any)._options?.javaScriptEnabled !== false;
}

/// Parses "1 299 ₽" (narrow no-break spaces) into kopecks.
export function kopecks(text: string): number {
  const cleaned = text.replace(/[\s\u202F\u00A0₽−]/g, "");
  const [r, k = "0"] = cleaned.split(",");
  return Number(r) * 100 + Number(k.padEnd(2, "0"));
}

/// A 1 × 1 PNG: enough for the shop to check a photo by content and re-encode it.
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
