import { describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { checkImport } from "@/lib/imports/data/check";
import { runImport } from "@/lib/imports/data/run";
import {
  decideMatches,
  discardImport,
  getImport,
  importMatches,
  importProblems,
  resumeImport,
  startImport,
  uploadImport,
} from "@/lib/imports/data/manage";
import { IMPORT_LAYOUTS } from "@/lib/imports/columns";
import { parseCsv } from "@/tests/support/csv";
import { getPower } from "@/lib/powers/data";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { getPersonProfile, updatePerson } from "@/lib/people/data";
import { importedFrom } from "@/lib/imports/data/provenance";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
import { agency, colleague, makePerson, open } from "./cases-support";

const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const templates = await import("@/app/api/imports/templates/[kind]/route");
const problemsDownload = await import("@/app/api/imports/[id]/problems/route");

// Bulk import from the manager's side and from an outsider's: every problem by row and column with
// nothing written, likely duplicates reviewed, a second import of the same file changing nothing,
// a corrected file updating what it made (unless it was edited in the service since), a stopped
// import resuming without making anything twice, and another organisation's import out of reach.

const INCIDENT_HEADER =
  "source_reference,occurred,reported,report_method,category,type,description,risk_level,case_reference,place_address_line_1,place_town,place_postcode,place_kind,person_1_first_name,person_1_last_name,person_1_date_of_birth,person_1_role,person_2_first_name,person_2_last_name,person_2_date_of_birth,person_2_role";

function csv(header: string, rows: string[]): File {
  return new File([[header, ...rows].join("\r\n")], "import.csv", { type: "text/csv" });
}

async function manager() {
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "MANAGER" });
  return council;
}

/** Uploads and checks a file as the worker would. */
async function checked(actor: Actor, kind: ImportKind, file: File) {
  const id = await uploadImport(actor, { kind, file });
  await checkImport(id);
  return getImport(actor, id);
}

/** Starts the import and runs it as the worker would. */
async function imported(actor: Actor, id: string) {
  const before = await getImport(actor, id);
  await startImport(actor, id, before.version);
  await runImport(id);
  return getImport(actor, id);
}

async function incidentsFrom(organisationId: string) {
  return db.incident.findMany({
    where: { reportingOrganisationId: organisationId },
    orderBy: { occurredAt: "asc" },
    include: { people: { include: { person: true } }, location: true },
  });
}

describe("checking a file", () => {
  it("lists every problem by row and column in plain words, and writes nothing", async () => {
    const { actor, organisation } = await manager();
    const file = csv(INCIDENT_HEADER, [
      "CAD-1,27/03/2026 21:30,27/03/2026 21:45,Phone,Nuisance,Noise,Loud music,,,,,,,Dawn,Ellis,14/02/1987,Victim,,,,",
      "CAD-2,31/02/2026 21:30,27/03/2026 21:45,Carrier pigeon,Nuisance,Noise,,,,,,,,,Ellis,,Victim,,,,",
      "CAD-1,yesterday,27/03/2026 21:45,Phone,Nuisance,Noise,Again,,,14 Canal Walk,,KM1,,Gary,Wilkins,,,,,,",
      "CAD-4,27/03/2026 21:30,26/03/2026 21:45,Phone,Nuisance,Noise,Reported before it happened,Critical,,,,,,,,,,,,,",
    ]);
    const job = await checked(actor, "INCIDENTS", file);
    expect(job.status).toBe("CHECKED");
    expect(job.totalRows).toBe(4);
    const problems = await importProblems(actor, job.id);
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.column}: ${p.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(
      expect.arrayContaining([
        "report_method: Choose one of: Phone, Online form, Email, In person, Seen on patrol, Referral from a partner agency, Other",
        expect.stringMatching(/^occurred: .*real date/),
        "description: Enter a description of what happened",
        "person_1_first_name: Enter the person's first name",
      ]),
    );
    expect(at(4)).toEqual(
      expect.arrayContaining([
        "occurred: Enter a date and time like 27/03/2026 21:30 or 2026-03-27T21:30",
        "source_reference: This source reference is also on row 2",
        "place_town: Enter the town or city",
        "place_postcode: Enter a real postcode, for example SE15 4QF",
        "place_kind: Select what kind of place it is",
        "person_1_role: Select the person's role in the incident",
      ]),
    );
    expect(at(5)).toEqual(
      expect.arrayContaining([
        "risk_level: Choose one of: Standard, Medium, High",
        expect.stringMatching(/^reported: .*same as or after when it happened/),
      ]),
    );
    expect(job.problemCount).toBe(problems.length);
    // Nothing written, and the import cannot start.
    expect(await incidentsFrom(organisation.id)).toEqual([]);
    await expect(startImport(actor, job.id, job.version)).rejects.toMatchObject({
      fieldErrors: { import: ["Fix the problems in the file and upload it again before importing"] },
    });
  });

  it("a missing or unknown column is a problem on row 1; a formula cell is refused, never run", async () => {
    const { actor } = await manager();
    const noDescription = await checked(
      actor,
      "INCIDENTS",
      csv("source_reference,occurred,reported,report_method,category,type,nickname", [
        "A,27/03/2026 21:30,27/03/2026 21:30,Phone,Nuisance,Noise,Bob",
      ]),
    );
    const problems = await importProblems(actor, noDescription.id);
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 1, column: "nickname", message: "This column is not in the layout. Rename it to one of the listed columns, or remove it" },
        { row: 1, column: "description", message: "This column is missing" },
      ]),
    );

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("People");
    sheet.addRow(IMPORT_LAYOUTS.PEOPLE.map((c) => c.label));
    sheet.addRow(["P-1", "Dawn", "Ellis", new Date(Date.UTC(1987, 1, 14)), "Female", "", "07700 900982"]);
    sheet.addRow(["P-2", { formula: 'HYPERLINK("http://evil.example","x")', result: "x" }, "Ellis", "", "", "", ""]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const xlsx = await checked(actor, "PEOPLE", new File([bytes], "people.xlsx"));
    expect(xlsx.totalRows).toBe(2);
    expect(await importProblems(actor, xlsx.id)).toEqual([
      { row: 3, column: "first_name", message: "This cell holds a formula. Paste its value instead (formulas are never run)" },
    ]);
  });

  it("refuses a file that is not a spreadsheet, and a case the organisation may not add to; takes one larger than a document may be", async () => {
    const { actor } = await manager();
    // A police export is often larger than the 10 MB a case document may be: up to 50 MB is taken.
    const rows = Array.from({ length: 60_000 }, (_, i) => `P-${i},Dawn,Ellis${i},,,,${"x".repeat(150)}`);
    const large = csv(IMPORT_LAYOUTS.PEOPLE.map((c) => c.name).join(","), rows);
    expect(large.size).toBeGreaterThan(10 * 1024 * 1024);
    expect(await db.dataImport.findUnique({ where: { id: await uploadImport(actor, { kind: "PEOPLE", file: large }) } })).toMatchObject({
      status: "CHECKING",
      byteSize: large.size,
    });
    await expect(
      uploadImport(actor, { kind: "INCIDENTS", file: new File([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0])], "incidents.csv") }),
    ).rejects.toMatchObject({
      fieldErrors: { file: ["The selected file must be a CSV or an Excel workbook (.xlsx)"] },
    });
    const police = await agency({ kind: "POLICE", role: "MANAGER" });
    const theirs = await open(police.actor, { title: "Police's own case" });
    const job = await checked(
      actor,
      "INCIDENTS",
      csv(INCIDENT_HEADER, [`CAD-9,27/03/2026 21:30,27/03/2026 21:45,Phone,Nuisance,Noise,Loud music,,${theirs.reference},,,,,,,,,,,,`]),
    );
    expect(await importProblems(actor, job.id)).toEqual([
      {
        row: 2,
        column: "case_reference",
        message: "No open case with this reference that your organisation leads or that is shared with it",
      },
    ]);
  });
});

describe("importing", () => {
  it("reviews likely duplicates, imports, and a second import of the same file changes nothing", async () => {
    const { actor, organisation, user } = await manager();
    const dawn = await makePerson({ createdByOrgId: organisation.id, firstName: "Dawn", lastName: "Ellis", dateOfBirth: "1987-02-14" });
    const gary = await makePerson({ createdByOrgId: organisation.id, firstName: "Gary", lastName: "Wilkins", dateOfBirth: "1990-05-01" });
    const kase = await open(actor, { title: "Noise at Canal Walk" });
    const rows = [
      `CAD-1,27/03/2026 21:30,27/03/2026 21:45,Phone,Nuisance,Noise,Loud music,,${kase.reference},14 Canal Walk,Kingsmere,KM1 4QF,Home or residential building,Dawn,Elis,14/02/1987,Victim,Gary,Wilkins,02/02/1992,Alleged perpetrator`,
      "CAD-2,2026-03-28T22:00,2026-03-28T23:10Z,online,NUISANCE,noise,Music again,High,,14 Canal Walk,Kingsmere,km14qf,Home or residential building,Dawn,Elis,14/02/1987,Victim,,,,",
    ];
    const job = await checked(actor, "INCIDENTS", csv(INCIDENT_HEADER, rows));
    expect(job.problemCount).toBe(0);
    const { matches } = await importMatches(actor, job.id);
    // Dawn (misspelt, same birthday) is suggested as the same person; Gary (another birthday) is listed, new by default.
    const dawnMatch = matches.find((m) => m.candidates.some((c) => c.id === dawn.id))!;
    const garyMatch = matches.find((m) => m.candidates.some((c) => c.id === gary.id))!;
    expect(dawnMatch).toMatchObject({ kind: "PERSON", firstRow: 2, rowCount: 2, choice: dawn.id, described: "Dawn Elis, born 14/02/1987" });
    expect(garyMatch.choice).toBe("new");
    // The manager says Gary is the same person too.
    await decideMatches(actor, job.id, job.version, { [garyMatch.id]: gary.id });

    const done = await imported(actor, job.id);
    expect(done).toMatchObject({ status: "IMPORTED", createdCount: 2, updatedCount: 0, unchangedCount: 0, importedUpTo: 3 });
    const incidents = await incidentsFrom(organisation.id);
    expect(incidents).toHaveLength(2);
    const [first, second] = incidents;
    expect(first!.people.map((p) => [p.personId, p.role]).sort()).toEqual(
      [
        [dawn.id, "VICTIM"],
        [gary.id, "PERPETRATOR"],
      ].sort(),
    );
    expect(second!.people.map((p) => p.personId)).toEqual([dawn.id]);
    expect(first!.locationId).toBe(second!.locationId);
    expect(first!.location).toMatchObject({ addressLine1: "14 Canal Walk", postcode: "KM1 4QF" });
    // London time as the file says it (BST began on 29 March 2026: 27 March is GMT).
    expect(first!.occurredAt.toISOString()).toBe("2026-03-27T21:30:00.000Z");
    expect(second!).toMatchObject({ reportMethod: "ONLINE", riskLevel: "HIGH", reportingOfficerId: user.id, caseId: null });
    expect(second!.reportedAt.toISOString()).toBe("2026-03-28T23:10:00.000Z");
    expect(first!.reference).toMatch(/^INC-2026-\d{6}$/);
    // Attributed on the case timeline and in the audit trail (the row, never the file's name).
    const entry = await db.timelineEntry.findFirst({ where: { caseId: kase.id, kind: "INCIDENT_LINKED" } });
    expect(entry?.summary).toBe(`Incident ${first!.reference} linked: noise (imported, row 2)`);
    const audit = await db.auditEvent.findFirst({ where: { entityType: "Incident", entityId: first!.id, action: "CREATE" } });
    expect(audit?.detail).toMatchObject({ import: job.id, row: 2 });
    // Each record is audited on its own, and the chain still holds after the batch's appends.
    const audited = await db.auditEvent.findMany({ where: { detail: { path: ["import"], equals: job.id } }, select: { entityType: true } });
    expect(audited.map((a) => a.entityType).sort()).toEqual(["Incident", "Incident", "Location"]);
    expect(await sealAndVerifyAuditChain()).toMatchObject({ ok: true, pending: 0 });
    // The file is not kept once imported.
    expect(await db.importFileChunk.count({ where: { importId: job.id } })).toBe(0);

    // The same file again: nothing changes.
    const again = await checked(actor, "INCIDENTS", csv(INCIDENT_HEADER, rows));
    expect((await importMatches(actor, again.id)).total).toBe(0);
    const twice = await imported(actor, again.id);
    expect(twice).toMatchObject({ status: "IMPORTED", createdCount: 0, updatedCount: 0, unchangedCount: 2 });
    expect(await incidentsFrom(organisation.id)).toHaveLength(2);
    expect(await db.person.count({ where: { createdByOrgId: organisation.id } })).toBe(2);
  });

  it("a corrected file updates what it made; a record edited in the service since is refused, not overwritten", async () => {
    const { actor, organisation } = await manager();
    const header = IMPORT_LAYOUTS.PEOPLE.map((c) => c.name).join(",");
    const first = await checked(actor, "PEOPLE", csv(header, ["P-1,Dawn,Ellis,14/02/1987,Female,,", "P-2,Marcus,Webb,,,Maz,"]));
    await imported(actor, first.id);
    const people = await db.person.findMany({ where: { createdByOrgId: organisation.id }, orderBy: { firstName: "asc" } });
    expect(people.map((p) => `${p.firstName} ${p.lastName}`)).toEqual(["Dawn Ellis", "Marcus Webb"]);
    const marcus = people[1]!;
    // The profile says where it came from; the file's name only to the organisation that uploaded it.
    const profile = await getPersonProfile(actor, people[0]!.id);
    expect(profile.kind === "profile" && profile.profile.imported).toMatchObject({
      sourceReference: "P-1",
      row: 2,
      fileName: "import.csv",
    });
    expect(await importedFrom({ organisationId: randomUUID() }, "PEOPLE", people[0]!.id)).toMatchObject({
      sourceReference: "P-1",
      fileName: null,
    });

    // Someone corrects Marcus's profile in the service; the file then corrects Dawn and Marcus.
    await updatePerson(actor, marcus.id, {
      firstName: "Marcus",
      lastName: "Webb",
      dateOfBirth: null,
      gender: "MALE",
      aliases: [],
      phone: null,
      version: marcus.version,
    });
    const corrected = await checked(actor, "PEOPLE", csv(header, ["P-1,Dawn,Ellis-Hart,14/02/1987,Female,,", "P-2,Marcus,Webber,,,Maz,"]));
    expect(await importProblems(actor, corrected.id)).toEqual([
      {
        row: 3,
        column: "source_reference",
        message:
          "The profile this reference was imported as has been changed in the service since. Make this change there, or take the row out of the file",
      },
    ]);
    const fixed = await checked(actor, "PEOPLE", csv(header, ["P-1,Dawn,Ellis-Hart,14/02/1987,Female,,"]));
    expect(await imported(actor, fixed.id)).toMatchObject({ createdCount: 0, updatedCount: 1 });
    const after = await db.person.findMany({ where: { createdByOrgId: organisation.id }, orderBy: { firstName: "asc" } });
    expect(after.map((p) => `${p.firstName} ${p.lastName}`)).toEqual(["Dawn Ellis-Hart", "Marcus Webb"]);
  });

  it("a stopped import says how far it got and resumes after it, making nothing twice", async () => {
    const { actor, organisation } = await manager();
    const header = IMPORT_LAYOUTS.PLACES.map((c) => c.name).join(",");
    const rows = Array.from(
      { length: 450 },
      (_, i) => `BLK-${i},${i + 1} Larkhall Rise,,Kingsmere,KM2 ${String(i % 9) + 1}AB,${900000 + i},Home or residential building`,
    );
    const job = await checked(actor, "PLACES", csv(header, rows));
    expect(job.problemCount).toBe(0);
    // Between the check and the import, another organisation records the place of row 300 by its UPRN.
    const other = await agency({ kind: "POLICE" });
    const taken = await db.location.create({
      data: {
        addressLine1: "Flat 299",
        town: "Kingsmere",
        kind: "RESIDENTIAL",
        uprn: String(900000 + 298),
        searchText: "flat 299 kingsmere",
        createdByOrgId: other.organisation.id,
      },
    });
    const stopped = await imported(actor, job.id);
    expect(stopped.status).toBe("FAILED");
    expect(stopped.importedUpTo).toBe(201);
    expect(stopped.createdCount).toBe(200);
    expect(stopped.failure).toMatch(/rows from 202 has a UPRN already recorded/);
    expect(await db.location.count({ where: { createdByOrgId: organisation.id } })).toBe(200);

    // The other place's UPRN was a mistake: corrected, the import resumes where it stopped.
    await db.location.update({ where: { id: taken.id }, data: { uprn: null } });
    await resumeImport(actor, job.id, stopped.version);
    await runImport(job.id);
    const done = await getImport(actor, job.id);
    expect(done).toMatchObject({ status: "IMPORTED", createdCount: 450, importedUpTo: 451 });
    expect(await db.location.count({ where: { createdByOrgId: organisation.id } })).toBe(450);
    expect(await db.importedRecord.count({ where: { organisationId: organisation.id, kind: "PLACES" } })).toBe(450);
  });
});

describe("from an outsider's side", () => {
  it("another organisation's import is not found, an officer may not import, and a discarded file is deleted", async () => {
    const { actor } = await manager();
    const job = await checked(actor, "PEOPLE", csv(IMPORT_LAYOUTS.PEOPLE.map((c) => c.name).join(","), ["P-1,Dawn,Ellis,,,,"]));
    const stranger = await agency({ kind: "POLICE", role: "MANAGER" });
    await expect(getImport(stranger.actor, job.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(startImport(stranger.actor, job.id, job.version)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await db.auditEvent.count({
        where: { action: "ACCESS_REFUSED", entityType: "DataImport", entityId: job.id, userId: stranger.user.id },
      }),
    ).toBe(2);
    const officer = await colleague(job.id && (await db.dataImport.findUniqueOrThrow({ where: { id: job.id } })).organisationId);
    await expect(getImport(officer.actor, job.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(uploadImport(officer.actor, { kind: "PEOPLE", file: csv("source_reference", []) })).rejects.toBeInstanceOf(ForbiddenError);

    await discardImport(actor, job.id, job.version);
    expect(await db.importFileChunk.count({ where: { importId: job.id } })).toBe(0);
    await expect(startImport(actor, job.id, job.version + 1)).rejects.toThrow(/moved on/);
  });

  it("a UPRN already on a place the manager may not see is refused as the place form refuses it, and audited; one on a place they see is that place", async () => {
    const { actor, organisation, user } = await manager();
    const police = await agency({ kind: "POLICE" });
    const uprn = () => String(100_000_000 + Math.floor(Math.random() * 800_000_000));
    const [hiddenUprn, ownUprn, freeUprn] = [uprn(), uprn(), uprn()];
    const hidden = await db.location.create({
      data: {
        addressLine1: "Flat 3",
        town: "Kingsmere",
        kind: "RESIDENTIAL",
        uprn: hiddenUprn,
        searchText: "flat 3 kingsmere",
        createdByOrgId: police.organisation.id,
      },
    });
    const own = await db.location.create({
      data: {
        addressLine1: "Unit 7",
        town: "Kingsmere",
        kind: "BUSINESS",
        uprn: ownUprn,
        searchText: "unit 7 kingsmere",
        createdByOrgId: organisation.id,
      },
    });
    const header = IMPORT_LAYOUTS.PLACES.map((c) => c.name).join(",");
    const row = (ref: string, line: string, u: string) => `${ref},${line},,Kingsmere,,${u},Home or residential building`;
    const probing = await checked(actor, "PLACES", csv(header, [row("B-1", "Flat 3", hiddenUprn)]));
    expect(await importProblems(actor, probing.id)).toEqual([
      { row: 2, column: "uprn", message: expect.stringMatching(/^A place with this UPRN is already recorded/) },
    ]);
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityId: hidden.id, userId: user.id } })).toBe(1);

    const job = await checked(actor, "PLACES", csv(header, [row("B-2", "Unit 7", ownUprn), row("B-3", "Unit 8", freeUprn)]));
    const { matches } = await importMatches(actor, job.id);
    const same = matches.find((m) => m.described === `UPRN ${ownUprn}`)!;
    expect(same.choice).toBe(own.id);
    await expect(decideMatches(actor, job.id, job.version, { [same.id]: "new" })).rejects.toMatchObject({
      fieldErrors: { [`match-${same.id}`]: ["A place with this UPRN is already recorded: choose it"] },
    });
    expect(await imported(actor, job.id)).toMatchObject({ status: "IMPORTED", createdCount: 1, unchangedCount: 1 });
    expect(await db.importedRecord.findFirst({ where: { sourceReference: "B-2", organisationId: organisation.id } })).toMatchObject({
      recordId: own.id,
    });
    expect(await db.location.count({ where: { uprn: freeUprn } })).toBe(1);
  });

  it("the uploader who is no longer a manager has nothing imported for them", async () => {
    const { actor, user } = await manager();
    const job = await checked(actor, "PEOPLE", csv(IMPORT_LAYOUTS.PEOPLE.map((c) => c.name).join(","), ["P-1,Dawn,Ellis,,,,"]));
    await startImport(actor, job.id, job.version);
    await db.user.update({ where: { id: user.id }, data: { role: "OFFICER" } });
    await runImport(job.id);
    const after = await db.dataImport.findUniqueOrThrow({ where: { id: job.id } });
    expect(after).toMatchObject({ status: "FAILED", createdCount: 0 });
    expect(await db.importedRecord.count({ where: { importId: job.id } })).toBe(0);
  });
});

describe("powers", () => {
  const header = IMPORT_LAYOUTS.POWERS.map((c) => c.name).join(",");
  const cells = (values: Record<string, string>) => IMPORT_LAYOUTS.POWERS.map((c) => values[c.name] ?? "").join(",");

  async function kind(overrides: { hasExpiry?: boolean; needsCourt?: boolean } = {}) {
    const code = `IMP_${randomUUID().slice(0, 6).toUpperCase()}`;
    return db.powerKind.create({
      data: {
        code,
        name: `Closure notice ${code}`,
        legalBasis: "ASB, Crime and Policing Act 2014",
        statutory: true,
        hasExpiry: false,
        needsCourt: false,
        appealable: false,
        ...overrides,
      },
    });
  }

  it("checks each power by the register's own rules, then issues it with its history replayed on its days", async () => {
    const { actor, organisation } = await manager();
    const warning = await kind({ hasExpiry: true });
    const order = await kind({ needsCourt: true });
    const plain = await kind();
    const job = await checked(
      actor,
      "POWERS",
      csv(header, [
        cells({
          source_reference: "PW-1",
          kind: plain.code,
          issued: "03/02/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
          breach_1_date: "20/03/2026",
          breach_1_action: "Warning",
          status_1: "Complied",
          status_1_date: "01/07/2026",
        }),
        // No expiry for a kind that has one; a court order with no court; a breach before it was issued; an unknown kind.
        cells({ source_reference: "PW-2", kind: warning.name, issued: "03/02/2026", subject_business_name: "Late Night Kebabs Ltd" }),
        cells({
          source_reference: "PW-3",
          kind: order.name,
          issued: "03/02/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
        }),
        cells({
          source_reference: "PW-4",
          kind: warning.code,
          issued: "03/02/2026",
          expires: "03/08/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
          breach_1_date: "01/01/2026",
          breach_1_action: "FPN",
        }),
        cells({
          source_reference: "PW-5",
          kind: "Anti-social behaviour injunction (no such kind)",
          issued: "03/02/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
        }),
      ]),
    );
    const problems = await importProblems(actor, job.id);
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.column}: ${p.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^(subject_business_name: .*cannot be issued to a business|expires: Enter the expiry date)/),
      ]),
    );
    expect(at(4)).toEqual(expect.arrayContaining([expect.stringMatching(/^court_name: Enter the name of the court/)]));
    expect(at(5)).toEqual([expect.stringMatching(/^breach_1_date: /)]);
    expect(at(6)).toEqual([expect.stringMatching(/^kind: Choose one of: .*Closure notice/)]);
    // The check wrote nothing, not even the powers it tried.
    expect(await db.powerUse.count({ where: { issuingOrganisationId: organisation.id } })).toBe(0);
    expect(await db.person.count({ where: { createdByOrgId: organisation.id } })).toBe(0);

    const good = await checked(
      actor,
      "POWERS",
      csv(header, [
        cells({
          source_reference: "PW-1",
          kind: plain.code,
          issued: "03/02/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
          breach_1_date: "20/03/2026",
          breach_1_action: "Warning",
          status_1: "Complied",
          status_1_date: "01/07/2026",
        }),
      ]),
    );
    expect(await imported(actor, good.id)).toMatchObject({ status: "IMPORTED", createdCount: 1 });
    const power = await db.powerUse.findFirstOrThrow({
      where: { issuingOrganisationId: organisation.id },
      include: { statusChanges: { orderBy: { changedAt: "asc" } }, breaches: true, subjectPerson: true },
    });
    expect(power).toMatchObject({ status: "COMPLIED", kindId: plain.id, subjectPerson: { firstName: "Gary", lastName: "Wilkins" } });
    expect(power.reference).toMatch(/^PWR-2026-\d{6}$/);
    expect(power.statusChanges.map((c) => c.toStatus)).toEqual(["ISSUED", "BREACHED", "COMPLIED"]);
    expect(power.breaches.map((b) => [b.actionTaken, b.breachedAt.toISOString()])).toEqual([["WARNING", "2026-03-20T00:00:00.000Z"]]);
    expect((await getPower(actor, power.id)).imported).toMatchObject({ sourceReference: "PW-1", row: 2 });
    // A power imported before is not changed from a file: the row is refused, not skipped.
    const changed = await checked(
      actor,
      "POWERS",
      csv(header, [
        cells({
          source_reference: "PW-1",
          kind: plain.code,
          issued: "04/02/2026",
          subject_first_name: "Gary",
          subject_last_name: "Wilkins",
        }),
      ]),
    );
    expect(await importProblems(actor, changed.id)).toEqual([
      {
        row: 2,
        column: "source_reference",
        message:
          "A power imported before cannot be changed from a file: record the change on the power's page, or take the row out of the file",
      },
    ]);
  });
});

describe("downloads", () => {
  it("a template in each format names the layout's columns; the problems download lists them, to its own organisation only", async () => {
    const { actor, user } = await manager();
    signedIn.actor = actor;
    const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });
    const csvTemplate = await templates.GET(
      new Request("http://localhost/api/imports/templates/INCIDENTS?format=csv"),
      params({ kind: "INCIDENTS" }),
    );
    expect(csvTemplate.status).toBe(200);
    const [names, example] = parseCsv((await csvTemplate.text()).replace(/^\uFEFF/, ""));
    expect(names).toEqual(IMPORT_LAYOUTS.INCIDENTS.map((c) => c.name));
    expect(example?.[0]).toBe("CAD-2026-004512");
    const xlsxTemplate = await templates.GET(
      new Request("http://localhost/api/imports/templates/POWERS?format=xlsx"),
      params({ kind: "POWERS" }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxTemplate.arrayBuffer()) as unknown as ArrayBuffer);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_LAYOUTS.POWERS.map((c) => c.name));
    expect(
      (await templates.GET(new Request("http://localhost/api/imports/templates/constructor"), params({ kind: "constructor" }))).status,
    ).toBe(404);

    const job = await checked(
      actor,
      "PEOPLE",
      csv(IMPORT_LAYOUTS.PEOPLE.map((c) => c.name).join(","), ["P-1,,Ellis,,,,", "P-2,=HYPERLINK(1),Ellis,,,,"]),
    );
    const download = await problemsDownload.GET(new Request(`http://localhost/api/imports/${job.id}/problems`), params({ id: job.id }));
    const [head, ...rows] = parseCsv((await download.text()).replace(/^\uFEFF/, ""));
    expect(head).toEqual(["Row", "Column", "Problem"]);
    expect(rows).toContainEqual(["2", "first_name", "Enter a first name"]);
    expect(
      await db.auditEvent.count({ where: { action: "EXPORT", entityType: "ImportProblems", entityId: job.id, userId: user.id } }),
    ).toBe(1);

    signedIn.actor = (await agency({ kind: "POLICE", role: "MANAGER" })).actor;
    expect(
      (await problemsDownload.GET(new Request(`http://localhost/api/imports/${job.id}/problems`), params({ id: job.id }))).status,
    ).toBe(404);
  });
});
