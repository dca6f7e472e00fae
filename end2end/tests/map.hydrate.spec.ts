import { test, expect, ready } from "./fixtures";
import { fillCart } from "./orders";

test("the pickup points are on a map served by the shop itself, and a marker chooses its point", async ({ page, shopper, baseURL }) => {
  // Every request the page makes stays on the shop's own origin.
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:")) elsewhere.push(r.url());
  });
  await fillCart(page, true, 1);
  await page.goto("/checkout?city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&near=%D0%B0%D1%80%D0%B1%D0%B0%D1%82%D1%81%D0%BA%D0%B0%D1%8F");
  await ready(page, true);
  const map = page.getByRole("region", { name: "Карта пунктов выдачи" });
  await expect(map).toBeVisible();
  await expect(map.locator(".leaflet-tile-loaded").first()).toBeVisible();
  // Clustered while they are close: a click on a cluster zooms in until markers show.
  const marker = map.locator(".leaflet-marker-icon[title]");
  const clusters = map.locator(".marker-cluster");
  for (let i = 0; i < 6 && (await marker.count()) === 0; i++) {
    const zoom = await map.getAttribute("class");
    await clusters.first().click();
    // The zoom animation ends when Leaflet drops its animating class.
    await expect.poll(async () => (await map.getAttribute("class")) !== zoom || (await marker.count()) > 0).toBeTruthy();
    await expect(map).not.toHaveClass(/leaflet-zoom-anim/);
  }
  const address = (await marker.first().getAttribute("title"))!;
  expect(address).toMatch(/^ул\. Арбат|Арбат/);
  await marker.first().click();
  await map.getByRole("link", { name: "Выбрать этот пункт" }).click();
  await expect(page).toHaveURL(/point=\d+/);
  await expect(page.getByRole("radio", { name: address })).toBeChecked();
  expect(elsewhere).toEqual([]);
});
