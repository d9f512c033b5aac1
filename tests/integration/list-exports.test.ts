import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { CASE_EXPORT_COLUMNS } from "@/lib/cases/export-columns";
import { ACTION_EXPORT_COLUMNS } from "@/lib/case-actions/export-columns";
import { changeActionStatus } from "@/lib/case-actions/data";
import { saveSearch } from "@/lib/search/saved";
import { parseCsv } from "@/tests/support/csv";
import { addAction, agency, colleague, dayFromToday, open, sharedCase } from "./actions-support";

// The case list and the actions lists as downloads, from the reader's and an outsider's side:
// exactly the rows the list shows (a restricted MARAC case only to its panel), in its order, text
// never a formula, a typed search kept out of the address and the audit trail, every download audited.

const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const cases = await import("@/app/api/cases/export/route");
const actions = await import("@/app/api/actions/export/route");

async function rows(route: { GET: (request: Request) => Promise<Response> }, path: string, actor: Actor, query: string) {
  signedIn.actor = actor;
  const response = await route.GET(new Request(`http://localhost/api/${path}/export?${query}`));
  expect(response.status).toBe(200);
  const [header, ...body] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(Number(response.headers.get("x-total-rows"))).toBe(body.length);
  return { header, body };
}

describe("the case list as a download", () => {
  it("holds the cases the reader sees, with why; a restricted MARAC case only for its panel; text is never a formula", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const offPanel = await colleague(police.organisation.id);
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const asb = await open(police.actor, { title: "=1+1 noise at Cordwainer Court" });
    const marac = await open(police.actor, { kind: "MARAC", title: "High-risk domestic abuse" });
    const theirs = await open(housing.actor, { title: "Housing's own case" });

    const panel = await rows(cases, "cases", police.actor, "format=csv");
    expect(panel.header).toEqual(CASE_EXPORT_COLUMNS.map((c) => c.header));
    const byRef = new Map(panel.body.map((r) => [r[0], r]));
    expect(byRef.get(asb.reference)?.slice(1, 7)).toEqual([
      "'=1+1 noise at Cordwainer Court",
      "ASB",
      "Open",
      "Medium",
      police.organisation.name,
      "Leads",
    ]);
    expect(byRef.has(marac.reference)).toBe(true);
    expect(byRef.has(theirs.reference)).toBe(false);

    const outsider = await rows(cases, "cases", offPanel.actor, "format=csv");
    expect(outsider.body.map((r) => r[0])).toContain(asb.reference);
    expect(outsider.body.map((r) => r[0])).not.toContain(marac.reference);
  });

  it("a typed search comes from the saved search; the audit trail names the filter, not the text", async () => {
    const police = await agency({ kind: "POLICE" });
    const wanted = await open(police.actor, { title: "Cuckooing at Larkhall Rise" });
    await open(police.actor, { title: "Graffiti on the underpass" });
    const handle = await saveSearch(police.actor, "cases", { q: "Larkhall" });
    const found = await rows(cases, "cases", police.actor, `format=csv&search=${handle}`);
    expect(found.body.map((r) => r[0])).toEqual([wanted.reference]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "EXPORT", entityType: "CaseList", userId: police.user.id } });
    expect(audit.detail).toMatchObject({ filters: ["q"], rows: 1, format: "csv" });
    expect(JSON.stringify(audit.detail)).not.toContain("Larkhall");
  });
});

describe("the actions lists as downloads", () => {
  it("my organisation's actions: those given to it, with status, officer and who set them; none of another agency's", async () => {
    const { police, housing, outsider, caseId, reference } = await sharedCase();
    const visit = await addAction(police.actor, caseId, housing.organisation.id, {
      title: "Visit the household",
      assignedUserId: housing.user.id,
    });
    const late = await addAction(police.actor, caseId, housing.organisation.id, { title: "@SUM(A1) letter", dueDate: dayFromToday(1) });
    // Two days have passed since: it is overdue.
    await db.caseAction.update({ where: { id: late.id }, data: { dueDate: dayFromToday(-2) } });
    await addAction(police.actor, caseId, police.organisation.id, { title: "Police's own" });
    const list = await rows(actions, "actions", housing.actor, "format=csv&scope=organisation");
    expect(list.header).toEqual(ACTION_EXPORT_COLUMNS.map((c) => c.header));
    // Soonest due first, as the list.
    expect(list.body.map((r) => r[1])).toEqual(["'@SUM(A1) letter", "Visit the household"]);
    expect(list.body[0]!.slice(0, 6)).toEqual([
      reference,
      "'@SUM(A1) letter",
      housing.organisation.name,
      "",
      expect.any(String),
      "Open (overdue)",
    ]);
    expect(list.body[1]![3]).toBe(housing.user.name);
    expect(list.body[1]![6]).toBe(`${police.user.name} (${police.organisation.shortName})`);
    expect((await rows(actions, "actions", outsider.actor, "format=csv&scope=organisation")).body).toEqual([]);
    // Done actions leave the open list; "any" status brings them back with the day and the outcome.
    await changeActionStatus(housing.actor, caseId, visit.id, visit.version, {
      status: "DONE",
      outcome: "Visited; all well",
      cancelReason: null,
    });
    expect((await rows(actions, "actions", housing.actor, "format=csv&scope=organisation")).body.map((r) => r[1])).toEqual([
      "'@SUM(A1) letter",
    ]);
    const all = await rows(actions, "actions", housing.actor, "format=csv&scope=organisation&status=any");
    expect(all.body.find((r) => r[1] === "Visit the household")?.slice(5)).toEqual([
      "Done",
      `${police.user.name} (${police.organisation.shortName})`,
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      "Visited; all well",
    ]);
    expect(late.title).toBe("@SUM(A1) letter");
    expect(await db.auditEvent.count({ where: { action: "EXPORT", entityType: "ActionList", userId: housing.user.id } })).toBe(3);
  });

  it("my actions: only those named to me", async () => {
    const { police, housing, caseId } = await sharedCase();
    const other = await colleague(housing.organisation.id);
    await addAction(police.actor, caseId, housing.organisation.id, { title: "Mine", assignedUserId: housing.user.id });
    await addAction(police.actor, caseId, housing.organisation.id, { title: "Theirs", assignedUserId: other.user.id });
    signedIn.actor = housing.actor;
    const xlsx = await actions.GET(new Request("http://localhost/api/actions/export?format=xlsx"));
    expect(xlsx.headers.get("content-disposition")).toMatch(/filename="my-actions-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect((await rows(actions, "actions", housing.actor, "format=csv")).body.map((r) => r[1])).toEqual(["Mine"]);
  });
});
