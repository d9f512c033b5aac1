import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

// The two-instance test (tests/scale) puts a real HAProxy in front of the app, as production would
// put a load balancer. Install Debian's package when it is missing and we may (root), as
// tests/e2e/ensure-chromium.ts does for Chromium; otherwise say exactly what to do.

const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";

if (!existsSync(HAPROXY)) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("HAProxy is missing: installing it from Debian's packages (apt-get install -y haproxy)...");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "haproxy"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } else {
    console.error(`The two-instance test needs HAProxy at ${HAPROXY}. Install it (sudo apt-get install -y haproxy) or set HAPROXY_PATH.`);
    process.exit(1);
  }
}
