import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { beginRegisterExport, registerScopeOf, registerWhere } from "@/lib/register/data";
import { EXPORT_CONNECTIONS } from "@/lib/export/snapshot";
import { REGISTER_COLUMNS, REGISTER_HEADERS, type RegisterRow } from "@/lib/register/columns";
import { formatDate } from "@/lib/format/dates";
import { parsePeriodKey } from "@/lib/returns/period";
import { NotFoundError } from "@/lib/errors";
import { agency, colleague, makePerson, open } from "./cases-support";
import { parseCsv } from "@/tests/support/csv";

// The streamed register export, from the manager's, the officer's and an outsider's side: the
// rows are exactly the powers the viewer may see in the period (cut in London time), the count
// and the rows come from one snapshot, the CSV and the XLSX hold the same cells, user text never
// becomes a formula, an abandoned download gives its database connection back, and a user
// without the permission gets a 404 from the route.

// The route reads the signed-in actor from the session cookie; here the test says who it is.
const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const { GET } = await import("@/app/api/returns/register/route");

const PERIOD = parsePeriodKey("2015-16")!;
const unique = () => randomUUID().slice(0, 6).toUpperCase();

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

async function buildFixture() {
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "MANAGER" });
  const councilOfficer = await colleague(council.organisation.id);
  const police = await agency({ kind: "POLICE", role: "OFFICER" });
  const policeManager = await colleague(police.organisation.id, { role: "MANAGER" });
  const viewer = await colleague(council.organisation.id, { role: "VIEWER" });
  const admin = await colleague(council.organisation.id, { role: "ADMIN" });
  const kind = await db.powerKind.create({
    data: {
      code: `K_${unique()}`,
      name: `Community Protection Notice ${unique()}`,
      legalBasis: "Anti-social Behaviour, Crime and Policing Act 2014, s.43",
      statutory: true,
      hasExpiry: false,
      needsCourt: false,
      appealable: true,
      allowsBusinessSubject: true,
    },
  });
  const subject = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Darren", lastName: `Pike${unique()}` });
  // A case the council leads (so the council sees police powers on it), and a restricted MARAC
  // case led by the police that no council user may see.
  const councilCase = await open(council.actor, { title: "Noise at Cordwainer Court" });
  const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });
  const caseRef = async (id: string) => (await db.case.findUniqueOrThrow({ where: { id } })).reference;

  let n = 0;
  const power = (o: {
    org: string;
    officer: string;
    issuedAt: Date;
    caseId?: string;
    business?: string;
    conditions?: string;
    expiresAt?: Date;
    hearingAt?: Date;
  }) =>
    db.powerUse.create({
      data: {
        reference: `PWR-2015-${unique()}${++n}`,
        kindId: kind.id,
        subjectPersonId: o.business ? null : subject.id,
        subjectBusinessName: o.business ?? null,
        caseId: o.caseId ?? null,
        issuingOrganisationId: o.org,
        issuingOfficerId: o.officer,
        issuedAt: o.issuedAt,
        expiresAt: o.expiresAt ?? null,
        hearingAt: o.hearingAt ?? null,
        courtName: o.hearingAt ? "Kingsmere Magistrates' Court" : null,
        conditions: o.conditions ?? "Stop playing loud music after 23:00",
        status: "ISSUED",
        statusChanges: { create: { fromStatus: null, toStatus: "ISSUED", changedAt: o.issuedAt } },
      },
    });
  const C = council.organisation.id;
  const P = police.organisation.id;
  const powers = {
    // 00:30 BST on 1 April 2015 (23:30 UTC on 31 March): the new financial year.
    firstMinutes: await power({
      org: C,
      officer: council.user.id,
      issuedAt: new Date("2015-03-31T23:30:00Z"),
      business: '=HYPERLINK("http://evil.example","Click")',
      conditions: "+SUM(A1:A9) -1 @once",
    }),
    // 23:30 BST on 31 March 2015: the year before.
    lastMinutes: await power({ org: C, officer: council.user.id, issuedAt: new Date("2015-03-31T22:30:00Z") }),
    // Expired in the winter (23:30 GMT, 31 January); the hearing late on a summer evening
    // (23:30 UTC on 24 October is 00:30 BST on the 25th).
    policeOnCouncilCase: await power({
      org: P,
      officer: police.user.id,
      issuedAt: new Date("2015-06-01T10:00:00Z"),
      caseId: councilCase.id,
      expiresAt: new Date("2016-01-31T23:30:00Z"),
      hearingAt: new Date("2015-10-24T23:30:00Z"),
    }),
    policeOnMarac: await power({ org: P, officer: police.user.id, issuedAt: new Date("2015-07-01T10:00:00Z"), caseId: marac.id }),
    policeAlone: await power({ org: P, officer: police.user.id, issuedAt: new Date("2015-08-01T10:00:00Z") }),
    councilOnMarac: await power({ org: C, officer: council.user.id, issuedAt: new Date("2015-09-01T10:00:00Z"), caseId: marac.id }),
    // 00:30 GMT on 1 April 2016... is 1 April in London too: the next year.
    nextYear: await power({ org: C, officer: council.user.id, issuedAt: new Date("2016-04-01T00:30:00Z") }),
  };
  // Breached twice: an FPN, then a prosecution.
  await db.powerBreach.createMany({
    data: [
      { powerId: powers.firstMinutes.id, breachedAt: new Date("2015-05-01T23:00:00Z"), actionTaken: "FPN", recordedById: council.user.id },
      {
        powerId: powers.firstMinutes.id,
        breachedAt: new Date("2015-05-20T23:00:00Z"),
        actionTaken: "PROSECUTION",
        recordedById: council.user.id,
      },
    ],
  });
  return {
    council,
    councilOfficer,
    police,
    policeManager,
    viewer,
    admin,
    kind,
    subject,
    powers,
    councilCaseRef: await caseRef(councilCase.id),
    maracRef: await caseRef(marac.id),
  };
}

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

/** The export's rows read two at a time, each named by its column keys. */
async function exportRows(actor: Actor) {
  const exp = await beginRegisterExport(actor, PERIOD, "csv");
  const rows: RegisterRow[] = [];
  for (let batch = await exp.rows.read(2); batch.length > 0; batch = await exp.rows.read(2)) {
    for (const cells of batch) rows.push(Object.fromEntries(REGISTER_COLUMNS.map((c, i) => [c.key, cells[i]])) as RegisterRow);
  }
  return { exp, rows };
}

/** Reads an export to its end; how many rows it gave. */
async function readToEnd(exp: Awaited<ReturnType<typeof beginRegisterExport>>): Promise<number> {
  let rows = 0;
  for (let batch = await exp.rows.read(100); batch.length > 0; batch = await exp.rows.read(100)) rows += batch.length;
  return rows;
}

/** The app's connections to this test's database that are not idle (an export still reading, or left in its transaction). */
async function busyExportConnections() {
  return db.$queryRaw<{ state: string }[]>`
    SELECT state FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'export' AND state <> 'idle'`;
}

async function download(actor: Actor | null, query: string) {
  signedIn.actor = actor;
  return GET(new Request(`http://localhost/api/returns/register?${query}`));
}

describe("which powers the register export lists", () => {
  it("gives a manager every power they may see issued in the period, cut in London time, in order of issue", async () => {
    const { rows, exp } = await exportRows(f.council.actor);
    expect(rows.map((r) => r.reference)).toEqual([
      f.powers.firstMinutes.reference,
      f.powers.policeOnCouncilCase.reference,
      f.powers.councilOnMarac.reference,
    ]);
    expect(exp.total).toBe(3);
    expect(exp.scope).toBe("partnership");
  });

  it("selects exactly the powers of the one powers rule (visiblePowersWhere) for every kind of user", async () => {
    for (const actor of [f.council.actor, f.councilOfficer.actor, f.police.actor, f.policeManager.actor]) {
      const scope = registerScopeOf(actor)!;
      const { rows, exp } = await exportRows(actor);
      const expected = await db.powerUse.findMany({
        where: registerWhere(actor, scope, PERIOD, exp.asAt),
        orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
        select: { reference: true },
      });
      expect(rows.map((r) => r.reference)).toEqual(expected.map((p) => p.reference));
    }
  });

  it("leaves out a power on a restricted MARAC case for a manager of another organisation who is not on the panel", async () => {
    const { rows } = await exportRows(f.council.actor);
    expect(rows.map((r) => r.reference)).not.toContain(f.powers.policeOnMarac.reference);
    // The council's own power on that case is listed, but the case it was used in is not named.
    const own = rows.find((r) => r.reference === f.powers.councilOnMarac.reference)!;
    expect(own.caseReference).toBeNull();
    expect(rows.find((r) => r.reference === f.powers.policeOnCouncilCase.reference)!.caseReference).toBe(f.councilCaseRef);
  });

  it("leaves out a power on a restricted MARAC case for a manager of the issuing organisation who is not on the panel", async () => {
    const { rows, exp } = await exportRows(f.policeManager.actor);
    expect(exp.scope).toBe("partnership");
    expect(rows.map((r) => r.reference)).not.toContain(f.powers.policeOnMarac.reference);
    expect(rows.map((r) => r.reference)).toContain(f.powers.policeAlone.reference);
  });

  it("gives an officer only their own organisation's powers, and of those on a restricted case only the ones they issued", async () => {
    const { rows, exp } = await exportRows(f.councilOfficer.actor);
    expect(exp.scope).toBe("organisation");
    // Not councilOnMarac: a colleague issued it on a MARAC case this officer may not see.
    expect(rows.map((r) => r.reference)).toEqual([f.powers.firstMinutes.reference]);
    const police = await exportRows(f.police.actor);
    expect(police.rows.map((r) => r.reference)).toEqual([
      f.powers.policeOnCouncilCase.reference,
      f.powers.policeOnMarac.reference,
      f.powers.policeAlone.reference,
    ]);
  });

  it("says what each power is in words: breaches counted, the last breach's action, the status, the organisation type", async () => {
    const { rows } = await exportRows(f.council.actor);
    const first = rows[0]!;
    expect(first).toMatchObject({
      kind: f.kind.name,
      legalBasis: f.kind.legalBasis,
      issuingOrganisation: f.council.organisation.name,
      organisationType: "Local authority",
      officer: f.council.user.name,
      issued: "01/04/2015",
      status: "Issued",
      breaches: 2,
      lastBreachAction: "Prosecution",
    });
    expect(rows[1]).toMatchObject({
      subject: `Darren ${f.subject.lastName}`,
      organisationType: "Police",
      breaches: 0,
      lastBreachAction: null,
    });
  });

  it("gives every date as the London calendar day, and a power past its expiry date as expired", async () => {
    const { rows } = await exportRows(f.council.actor);
    const stored = await db.powerUse.findMany({ where: { reference: { in: rows.map((r) => r.reference) } } });
    for (const row of rows) expect(row.issued).toBe(formatDate(stored.find((p) => p.reference === row.reference)!.issuedAt));
    expect(rows[1]).toMatchObject({
      reference: f.powers.policeOnCouncilCase.reference,
      expiry: "31/01/2016",
      hearing: "25/10/2015",
      court: "Kingsmere Magistrates' Court",
      status: "Expired",
    });
    expect(rows[0]).toMatchObject({ expiry: null, hearing: null, court: null });
  });

  it("sends the rows as they stood when the export began, so the count it announced is the rows it sends", async () => {
    const late = await db.powerUse.create({
      data: {
        reference: `PWR-2015-${unique()}L`,
        kindId: f.kind.id,
        subjectPersonId: f.subject.id,
        issuingOrganisationId: f.council.organisation.id,
        issuingOfficerId: f.council.user.id,
        issuedAt: new Date("2015-12-01T10:00:00Z"),
        status: "ISSUED",
      },
    });
    const exp = await beginRegisterExport(f.council.actor, PERIOD, "csv");
    // While the file downloads, the power is corrected into another year.
    await db.powerUse.update({ where: { id: late.id }, data: { issuedAt: new Date("2017-12-01T10:00:00Z") } });
    const references: string[] = [];
    for (let batch = await exp.rows.read(1); batch.length > 0; batch = await exp.rows.read(1)) references.push(String(batch[0]![0]));
    expect(references).toContain(late.reference);
    expect(references).toHaveLength(exp.total);
    expect(await busyExportConnections()).toEqual([]);
  });

  it("refuses users without the returns permission as if the export did not exist", async () => {
    await expect(beginRegisterExport(f.viewer.actor, PERIOD, "csv")).rejects.toBeInstanceOf(NotFoundError);
    await expect(beginRegisterExport(f.admin.actor, PERIOD, "csv")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the download route", () => {
  it("streams the CSV with its header, the row count, no caching, an attachment name, and audits the export", async () => {
    const response = await download(f.council.actor, "period=2015-16&format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="tools-and-powers-register-2015-16.csv"');
    expect(response.headers.get("X-Total-Rows")).toBe("3");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte order mark first, so Excel reads the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([...REGISTER_HEADERS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      f.powers.firstMinutes.reference,
      f.powers.policeOnCouncilCase.reference,
      f.powers.councilOnMarac.reference,
    ]);
    const audit = await db.auditEvent.findFirst({
      where: { action: "EXPORT", userId: f.council.user.id, entityType: "PowerRegister" },
      orderBy: { id: "desc" },
    });
    expect(audit?.detail).toMatchObject({ period: "2015-16", format: "csv", rows: 3, scope: "partnership" });
  });

  it("neutralises formula-looking business names and conditions, in the CSV and the XLSX alike", async () => {
    const csv = parseCsv(await (await download(f.council.actor, "period=2015-16&format=csv")).text());
    const subject = REGISTER_HEADERS.indexOf("Subject");
    const conditions = REGISTER_HEADERS.indexOf("Conditions");
    expect(csv[1]![subject]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(csv[1]![conditions]).toBe("'+SUM(A1:A9) -1 @once");

    const xlsxResponse = await download(f.council.actor, "period=2015-16&format=xlsx");
    expect(xlsxResponse.status).toBe(200);
    expect(xlsxResponse.headers.get("Content-Disposition")).toBe('attachment; filename="tools-and-powers-register-2015-16.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxResponse.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const xlsxRows: string[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      xlsxRows.push(REGISTER_HEADERS.map((_, i) => (values[i + 1] === undefined || values[i + 1] === null ? "" : String(values[i + 1]))));
    });
    // Not one formula in the workbook, and the same cells as the CSV.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(xlsxRows).toEqual(csv);
  });

  it("gives the database connection back when the client stops the download part-way", async () => {
    const response = await download(f.council.actor, "period=2015-16&format=csv");
    const reader = response.body!.getReader();
    await reader.read(); // the header
    expect(await busyExportConnections()).toHaveLength(1);
    await reader.cancel();
    expect(await busyExportConnections()).toEqual([]);

    const workbook = await download(f.council.actor, "period=2015-16&format=xlsx");
    await workbook.body!.cancel();
    expect(await busyExportConnections()).toEqual([]);
  });

  it("asks a fifth simultaneous download to try again shortly, without auditing it, and serves the next once one ends", async () => {
    const running = [];
    for (let i = 0; i < EXPORT_CONNECTIONS; i++) running.push(await beginRegisterExport(f.council.actor, PERIOD, "csv"));
    const audits = () =>
      db.auditEvent.count({ where: { action: "EXPORT", userId: f.councilOfficer.user.id, entityType: "PowerRegister" } });
    const before = await audits();
    const busy = await download(f.councilOfficer.actor, "period=2015-16&format=csv");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("Retry-After")).toBe("60");
    expect(await busy.text()).toBe("Several downloads are in progress at the moment. Try again in a minute.");
    expect(await audits()).toBe(before);
    // Someone without the permission still learns nothing, busy or not.
    expect((await download(f.viewer.actor, "period=2015-16&format=csv")).status).toBe(404);

    await running.pop()!.rows.close();
    const next = await download(f.councilOfficer.actor, "period=2015-16&format=csv");
    expect(next.status).toBe(200);
    await next.text();
    for (const exp of running) await exp.rows.close();
    expect(await busyExportConnections()).toEqual([]);
  });

  it("fails only the download whose database connection is lost, and frees its place", async () => {
    const exp = await beginRegisterExport(f.council.actor, PERIOD, "csv");
    // What PostgreSQL does to a download stalled past idle_in_transaction_session_timeout.
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'export'`;
    await expect(exp.rows.read(10)).rejects.toThrow();
    expect(await exp.rows.read(10)).toEqual([]);
    // Every place is free again: as many exports as ever can run, and read to the end.
    const again = [];
    for (let i = 0; i < EXPORT_CONNECTIONS; i++) again.push(await beginRegisterExport(f.council.actor, PERIOD, "csv"));
    for (const e of again) expect(await readToEnd(e)).toBe(e.total);
    expect(await busyExportConnections()).toEqual([]);
  });

  it("a connection PostgreSQL ended while it sat idle in the pool is not handed to the next download", async () => {
    // A restart of PostgreSQL, or an administrator ending sessions: the pool may hand out such a
    // connection before it has heard. Twenty rounds, so that the race happens.
    for (let round = 0; round < 20; round++) {
      // A download read to its end leaves its connection idle in the pool; then the server ends it.
      await readToEnd(await beginRegisterExport(f.council.actor, PERIOD, "csv"));
      await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'export'`;
      const next = await beginRegisterExport(f.council.actor, PERIOD, "csv");
      expect(next.total).toBeGreaterThan(0);
      expect(await readToEnd(next)).toBe(next.total);
    }
    expect(await busyExportConnections()).toEqual([]);
  });

  it("answers 404 to a user without the permission, and to an administrator", async () => {
    expect((await download(f.viewer.actor, "period=2015-16&format=csv")).status).toBe(404);
    expect((await download(f.admin.actor, "period=2015-16&format=csv")).status).toBe(404);
    // Even for a nonsense period: a refused user learns nothing about the route.
    expect((await download(f.viewer.actor, "period=nonsense")).status).toBe(404);
  });

  it("answers 400 with a plain message to an unknown period or format", async () => {
    const bad = await download(f.council.actor, "period=2015-17&format=csv");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/Choose a financial year such as 2025-26/);
    expect((await download(f.council.actor, "format=csv")).status).toBe(400);
    const format = await download(f.council.actor, "period=2015-16&format=pdf");
    expect(format.status).toBe(400);
    expect(await format.text()).toBe("Choose CSV or XLSX as the format.");
  });

  it("sends someone who is not signed in to sign in", async () => {
    const response = await download(null, "period=2015-16&format=csv");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/sign-in\?callbackUrl=/);
  });
});
