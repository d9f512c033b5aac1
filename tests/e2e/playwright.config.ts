import { defineConfig, devices } from "@playwright/test";

// End-to-end journeys in Debian's Chromium (Playwright cannot download its own browser here)
// against the production build, served on a freshly seeded database by tests/e2e/serve.ts.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "../../test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // A test's limit guards against a hang, it does not measure speed (the benchmarks do). On a
  // two-core CI machine running Next, PostgreSQL and two Chromium workers, a journey with two
  // sign-ins and several axe scans takes 50–60 s, so 60 s failed healthy journeys at random.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
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
  webServer: {
    command: "node --import tsx tests/e2e/serve.ts",
    cwd: "../..",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT) },
    // SIGTERM (not Playwright's default SIGKILL) lets the launcher stop Next and PostgreSQL in order.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
