import { test, expect, ready } from "./fixtures";
import type { Page } from "@playwright/test";

// The header's badge polls every second in the test server (every 30 s in a real
// shop). Two tabs of one browser share that poll through localStorage: one asks the
// server, the other takes its answers.
test("two tabs of one browser share the badge's poll: one asks the server, the other follows", async ({ page, shopper }) => {
  void shopper;
  const asked = new Map<Page, number>();
  const count = (p: Page) => {
    asked.set(p, 0);
    p.on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith("/chat/badge")) asked.set(p, (asked.get(p) ?? 0) + 1);
    });
  };
  const second = await page.context().newPage();
  count(page);
  count(second);
  await page.goto("/");
  await ready(page, true);
  await second.goto("/category/smartphones");
  await ready(second, true);

  // Eight polls' worth of time: with each tab asking on its own, each would have
  // asked about four times. A tab may ask once or twice before one of them leads.
  const total = () => (asked.get(page) ?? 0) + (asked.get(second) ?? 0);
  await expect.poll(total, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
  const [a, b] = [asked.get(page) ?? 0, asked.get(second) ?? 0];
  expect(Math.min(a, b), `asked: first tab ${a}, second tab ${b}`).toBeLessThanOrEqual(2);

  // When the asking tab goes, the other asks for itself.
  const [leader, follower] = a > b ? [page, second] : [second, page];
  const before = asked.get(follower) ?? 0;
  if (leader === page) {
    await page.goto("about:blank");
  } else {
    await second.close();
  }
  await expect.poll(() => asked.get(follower) ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
  await second.close().catch(() => {});
});
