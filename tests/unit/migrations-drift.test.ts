import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHECKSUMS_FILE, projectLayout, readChecksums, SNAPSHOT_FILE, type MigrationsLayout } from "@/prisma/tooling/migration-files";
import { checkDrift, createMigration, sealMigrations } from "@/prisma/tooling/migrations";

// Each test works on a copy of prisma/migrations and prisma/schema.prisma, never on the real ones.
let layout: MigrationsLayout;
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "sp-migrations-"));
  layout = { dir: path.join(scratch, "migrations"), schemaPath: path.join(scratch, "schema.prisma") };
  await cp(projectLayout.dir, layout.dir, { recursive: true });
  await cp(projectLayout.schemaPath, layout.schemaPath);
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const migrations = async () =>
  (await readdir(layout.dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
const sqlOf = (name: string) => path.join(layout.dir, name, "migration.sql");
const appendTo = async (file: string, text: string) => writeFile(file, (await readFile(file, "utf8")) + text);
const addModelToSchema = () => appendTo(layout.schemaPath, "\nmodel DriftProbe {\n  id String @id\n  note String?\n}\n");
const oneProblemNaming = async (name: string, what: RegExp) => {
  const { problems } = await checkDrift(layout);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(what);
  expect(problems[0]).toContain(name);
  return problems[0]!;
};

describe("the drift check (npm run db:drift)", () => {
  it("passes on the project's migrations as committed", async () => {
    const report = await checkDrift(layout);
    expect(report.problems).toEqual([]);
    expect(report.migrations).toBe((await migrations()).length);
  });

  it("fails when a migration.sql was edited after it was made, naming the migration", async () => {
    const [, second] = await migrations();
    await appendTo(sqlOf(second!), '\nDROP INDEX "some_index";\n');
    const problem = await oneProblemNaming(second!, /changed after they were made/);
    expect(problem).toContain(`npm run db:migration:seal -- ${second}`);
  });

  it("fails when prisma/schema.prisma has changes that no migration covers, showing the SQL they need", async () => {
    await addModelToSchema();
    await oneProblemNaming("DriftProbe", /has changes that no migration covers/);
  });

  it("fails when a migration has no checksum, or a recorded migration's folder is gone", async () => {
    const [first] = await migrations();
    await rename(path.join(layout.dir, first!), path.join(layout.dir, `${first}_renamed`));
    const { problems } = await checkDrift(layout);
    expect(problems.join("\n")).toMatch(new RegExp(`have no checksum[^]*${first}_renamed`));
    expect(problems.join("\n")).toMatch(new RegExp(`folders are gone:\\n  ${first}\\n`));
  });

  it("accepts a checkout whose line endings git turned into CRLF, as Prisma does", async () => {
    const [first] = await migrations();
    const sql = await readFile(sqlOf(first!), "utf8");
    await writeFile(sqlOf(first!), sql.replace(/\n/g, "\r\n"));
    expect((await checkDrift(layout)).problems).toEqual([]);
  });

  it("asks for the checksums to be recorded once when there are none, and the first seal records every migration", async () => {
    await rm(path.join(layout.dir, CHECKSUMS_FILE));
    await oneProblemNaming(CHECKSUMS_FILE, /is missing[^]*npm run db:migration:seal/);
    const { sealed, firstUse } = await sealMigrations([], layout);
    expect(firstUse).toBe(true);
    expect(sealed.map((m) => m.name)).toEqual(await migrations());
    expect((await checkDrift(layout)).problems).toEqual([]);
  });
});

describe("making a migration (npm run db:migration:new) and sealing it (npm run db:migration:seal)", () => {
  it("writes the SQL from the snapshot to the schema, records its checksum and moves the snapshot forward", async () => {
    await addModelToSchema();
    const made = await createMigration({ name: "Add drift probe", now: new Date("2030-01-02T03:04:05Z") }, layout);
    if (!made.created) throw new Error("expected a migration");
    expect(made.folder).toBe("20300102030405_add_drift_probe");
    expect(await readFile(sqlOf(made.folder), "utf8")).toContain('CREATE TABLE "DriftProbe"');
    expect(await readFile(path.join(layout.dir, SNAPSHOT_FILE), "utf8")).toBe(await readFile(layout.schemaPath, "utf8"));
    expect((await readChecksums(layout))?.has(made.folder)).toBe(true);
    expect((await checkDrift(layout)).problems).toEqual([]);
  });

  it("lets the author add hand-written SQL to a new migration and seal it, after which the drift check passes", async () => {
    await addModelToSchema();
    const made = await createMigration({ name: "drift_probe", now: new Date("2030-01-02T03:04:05Z") }, layout);
    if (!made.created) throw new Error("expected a migration");
    await appendTo(sqlOf(made.folder), '\n-- Hand-written\nCREATE INDEX "DriftProbe_note_idx" ON "DriftProbe" ("note");\n');
    await oneProblemNaming(made.folder, /changed after they were made/);

    const { sealed } = await sealMigrations([], layout); // the latest, by default
    expect(sealed.map((m) => m.name)).toEqual([made.folder]);
    expect((await checkDrift(layout)).problems).toEqual([]);
  });

  it("makes nothing when the schema has no changes, and refuses --empty when it has", async () => {
    const before = await migrations();
    expect((await createMigration({ name: "nothing" }, layout)).created).toBe(false);
    expect(await migrations()).toEqual(before);
    await addModelToSchema();
    await expect(createMigration({ name: "data_fix", empty: true }, layout)).rejects.toThrow(/--empty, but/);
  });

  it("refuses to seal a migration that does not exist", async () => {
    await expect(sealMigrations(["20990101000000_nope"], layout)).rejects.toThrow(/No migration folder named 20990101000000_nope/);
  });
});
