import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { cloneDatabase, createTemplateDatabase, ensureTestServer } from "../../prisma/tooling/test-database";

// Serves the production build for the end-to-end tests on a fresh database cloned from the
// migrated template and seeded with the demo partnership, then hands over to the same launcher
// that `npm run serve` uses (which forwards signals and shuts down cleanly). As in production the
// app logs in as its own role and the launcher migrates and seeds as the owner.

const adminUrl = await ensureTestServer();
const mailDir = path.join("test-results", `mail-${process.env.PORT ?? "3100"}`);
rmSync(mailDir, { recursive: true, force: true });
await createTemplateDatabase(adminUrl);
const database = await cloneDatabase(adminUrl, `sp_e2e_${process.env.PORT ?? "3100"}`);

const child = spawn(process.execPath, ["--import", "tsx", "prisma/tooling/with-database.ts", "--seed"], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_OWNER_URL: database.ownerUrl,
    NEXTAUTH_URL: `http://localhost:${process.env.PORT ?? "3100"}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production-use-only",
    AUDIT_CHAIN_KEY: process.env.AUDIT_CHAIN_KEY ?? "e2e-audit-chain-key-not-for-production-use",
    // A fresh mail catcher per run (tests/e2e/support.ts reads what was sent from its inbox).
    MAIL_CATCHER_DIR: mailDir,
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
