import { describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { createIncident } from "@/lib/incidents/data";
import type { IncidentInput } from "@/lib/incidents/schema";
import { INCIDENT_EXPORT_COLUMNS } from "@/lib/incidents/export-columns";
import { saveSearch } from "@/lib/search/saved";
import { agency, colleague, makePerson, open } from "./cases-support";
import { makePlace } from "@/tests/support/places-fixtures";
import { parseCsv } from "@/tests/support/csv";

// The incident list as a download, from the officer's and an outsider's side: exactly the rows
// the list shows for the same filters (another organisation's incidents and a restricted MARAC
// case's are never in it), the CSV and the XLSX hold the same cells, text never becomes a formula,
// a typed name stays in the saved search (not the address, not the audit trail), and a role
// without the list gets "not found".

const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const { GET } = await import("@/app/api/incidents/export/route");

async function download(actor: Actor, query: string) {
  signedIn.actor = actor;
  return GET(new Request(`http://localhost/api/incidents/export?${query}`));
}

const input = (overrides: Partial<IncidentInput>): IncidentInput => ({
  occurredAt: new Date("2026-05-02T20:30:00Z"),
  reportedAt: new Date("2026-05-02T21:00:00Z"),
  reportMethod: "PHONE",
  category: "NUISANCE",
  type: "NOISE",
  description: "Music until 3am.",
  riskLevel: "STANDARD",
  location: null,
  people: [],
  caseId: null,
  ...overrides,
});

async function partnership() {
  const police = await agency({ kind: "POLICE" });
  const council = await agency({ kind: "LOCAL_AUTHORITY" });
  const place = await makePlace({
    createdByOrgId: police.organisation.id,
    addressLine1: '=HYPERLINK("http://evil.example")',
    postcode: "SE15 4QF",
  });
  const victim = await makePerson({
    createdByOrgId: police.organisation.id,
    firstName: "Marsha",
    lastName: `Quinlan${randomUUID().slice(0, 4)}`,
  });
  const log = (actor: Actor, overrides: Partial<IncidentInput>) => createIncident(actor, input(overrides), randomUUID());
  const noise = await log(police.actor, { location: { id: place.id }, people: [{ person: { id: victim.id }, role: "VICTIM", row: 0 }] });
  const older = await log(police.actor, {
    occurredAt: new Date("2026-01-10T09:00:00Z"),
    reportedAt: new Date("2026-01-10T10:00:00Z"),
    type: "ROWDY_INCONSIDERATE",
  });
  const theirs = await log(council.actor, {});
  // A MARAC case led by a colleague on the panel: its incident is not for officers off the panel.
  const detective = await colleague(police.organisation.id, { panels: ["MARAC"] });
  const marac = await open(detective.actor, { kind: "MARAC", title: "Restricted" });
  const restricted = await log(detective.actor, { caseId: marac.id });
  return { police, council, victim, noise, older, theirs, restricted };
}

describe("the incident list as a download", () => {
  it("holds exactly the incidents the list shows for the filters, newest first, in words; the count says how many", async () => {
    const p = await partnership();
    const response = await download(p.police.actor, `format=csv&org=${p.police.organisation.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="incidents-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(header).toEqual(INCIDENT_EXPORT_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => r[0])).toEqual([p.noise.reference, p.older.reference]);
    expect(response.headers.get("x-total-rows")).toBe("2");
    expect(rows[0]).toEqual([
      p.noise.reference,
      "02/05/2026 21:30",
      "02/05/2026 22:00",
      "Nuisance",
      expect.stringMatching(/noise/i),
      "Standard",
      p.police.organisation.name,
      `'=HYPERLINK("http://evil.example"), SE15 4QF`,
      "",
    ]);
    // The restricted MARAC case's incident is not there for an officer off the panel, nor the council's.
    expect(rows.flat()).not.toContain(p.restricted.reference);
    expect(rows.flat()).not.toContain(p.theirs.reference);
  });

  it("the XLSX holds the same cells as the CSV", async () => {
    const p = await partnership();
    const csv = parseCsv(
      (await (await download(p.police.actor, `format=csv&org=${p.police.organisation.id}`)).text()).replace(/^\uFEFF/, ""),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download(p.police.actor, `format=xlsx&org=${p.police.organisation.id}`)).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const cells: string[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    expect(cells.map((r) => [...r, ...Array(INCIDENT_EXPORT_COLUMNS.length - r.length).fill("")])).toEqual(csv);
  });

  it("another organisation's officer gets none of them; an administrator (no case content) gets not found", async () => {
    const p = await partnership();
    const csv = parseCsv((await (await download(p.council.actor, `org=${p.police.organisation.id}`)).text()).replace(/^\uFEFF/, ""));
    expect(csv).toHaveLength(1);
    const admin = await colleague(p.council.organisation.id, { role: "ADMIN" });
    expect((await download(admin.actor, "format=csv")).status).toBe(404);
  });

  it("a typed name comes from the saved search, never the address; the audit trail records the export without it", async () => {
    const p = await partnership();
    const handle = await saveSearch(p.police.actor, "incidents", { name: p.victim.lastName });
    const response = await download(p.police.actor, `format=csv&search=${handle}`);
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, "")).slice(1);
    expect(rows.map((r) => r[0])).toEqual([p.noise.reference]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "EXPORT", entityType: "IncidentList", userId: p.police.user.id },
      orderBy: { id: "desc" },
    });
    expect(audit.detail).toMatchObject({ format: "csv", filters: ["name"], rows: 1 });
    expect(JSON.stringify(audit.detail)).not.toContain(p.victim.lastName);
  });

  it("an unknown format is a 400 that says what to choose", async () => {
    const p = await partnership();
    const response = await download(p.police.actor, "format=pdf");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose CSV or XLSX");
  });
});
