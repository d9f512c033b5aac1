import { defineConfig, devices } from "@playwright/test";

// The resilience tests (npm run test:resilience, part of npm test after the end-to-end tests):
// the production build against a PostgreSQL each test starts, stops, kills and starts again.
// One at a time: each starts a cluster and an app of its own.

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "../../test-results/resilience",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 360_000,
  expect: { timeout: 15_000 },
  use: {
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
