/**
 * End-to-end tests in real Chromium against the real server (started once by
 * `tests/e2e/global-setup.ts` on port 0 with a temporary data directory). Run them with
 * `pnpm test:e2e`: `scripts/e2e.mjs` builds the client and finds a Chromium first.
 */
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const chromium =
  process.env.PARLEY_CHROMIUM ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "tests/e2e/.artifacts/results",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: true,
  // Two shared cores: each test already drives two or three browser contexts.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  // Upper bounds for a slow shared machine, not waits: every step waits for an event or a state.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
