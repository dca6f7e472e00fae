import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The built server is started by Playwright on its own port with a fresh database.
const port = Number(process.env.E2E_PORT ?? 3197);
// "localhost", not an IP address: WebAuthn (passkeys) refuses IP-address origins.
const baseURL = `http://localhost:${port}`;
// Real OpenID providers (npm oidc-provider) for "Sign in with Sber ID / Apple":
// Sber's gives the phone and email at userinfo, Apple's in the ID token.
const oidcPort = port + 1;
const issuer = `http://localhost:${oidcPort}`;
const appleIssuer = `http://localhost:${oidcPort + 1}`;
// scripts/e2e.sh passes a temporary directory it removes afterwards.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `rynok-e2e-${process.pid}`);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const launchOptions = {
  executablePath: chromium,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One at a time: tests move the server's one clock (the minute between codes,
  // 14 days, the 10 minutes a sign-in counts as fresh), which would expire the
  // codes and sessions of a test running beside them.
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "ru-RU",
    trace: "off",
    launchOptions,
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false }, testIgnore: /\.hydrate\.spec\.ts$/ },
  ],
  webServer: [
  {
    command: "node oidc-provider.mjs",
    url: `${appleIssuer}/.well-known/openid-configuration`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { OIDC_PORT: String(oidcPort), RP_URL: baseURL },
  },
  {
    // E2E_SERVER: `make test` runs the split release build, the one that ships.
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && exec ${process.env.E2E_SERVER ?? "../target/debug/server"}`,
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      APP_PORT: String(port),
      APP_ENV: "test",
      APP_PUBLIC_URL: baseURL,
      APP_SEED_PRODUCTS: "1200",
      DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
      LEPTOS_SITE_ROOT: "../target/site",
      APP_LOG: "warn",
      // Each test sends its own X-Forwarded-For (fixtures.ts), as if from its own
      // network behind the shop's proxy on loopback.
      APP_TRUSTED_PROXIES: "127.0.0.1,::1",
      APP_OIDC_PROVIDERS: "sber,apple",
      APP_OIDC_SBER_ISSUER: issuer,
      APP_OIDC_SBER_CLIENT_ID: "rynok",
      APP_OIDC_SBER_CLIENT_SECRET: "rynok-test-secret",
      APP_OIDC_APPLE_ISSUER: appleIssuer,
      APP_OIDC_APPLE_CLIENT_ID: "rynok",
      APP_OIDC_APPLE_CLIENT_SECRET: "rynok-test-secret",
    },
  },
  ],
});
