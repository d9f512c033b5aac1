import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { searchText } from "@/lib/search-text";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";

// POST /api/incidents, called as Next would call it. The signed-in actor normally comes from the
// session cookie; here the session module is replaced so each test chooses who is asking.

let signedIn: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn }));
const { POST } = await import("@/app/api/incidents/route");

function post(body: unknown, contentType = "application/json") {
  return POST(
    new Request("http://localhost/api/incidents", {
      method: "POST",
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

function incident(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    reportMethod: "PATROL",
    category: "NUISANCE",
    type: "STREET_DRINKING",
    description: "Group drinking by the war memorial",
    riskLevel: "STANDARD",
    submissionKey: randomUUID(),
    people: [],
    ...overrides,
  };
}

async function officer(role: "OFFICER" | "VIEWER" = "OFFICER") {
  const org = await makeOrganisation("POLICE");
  return actorFor((await makeUser({ organisationId: org.id, role })).id);
}

describe("POST /api/incidents", () => {
  beforeEach(() => {
    signedIn = null;
  });

  it("answers 401 to a request without a session", async () => {
    const response = await post(incident());
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 to a user who may not log incidents, as if it did not exist", async () => {
    signedIn = await officer("VIEWER");
    expect((await post(incident())).status).toBe(404);
  });

  it("logs the incident: 201 with its id and reference; the same key again is 200 with the same body", async () => {
    signedIn = await officer();
    const person = await db.person.create({
      data: { firstName: "Api", lastName: "Victim", searchText: searchText("Api", "Victim"), createdByOrgId: signedIn.organisationId },
    });
    const body = incident({ people: [{ personId: person.id, role: "VICTIM" }] });
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const created = await first.json();
    expect(created).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^INC-\d{4}-\d{6}$/) });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);
    expect(await db.incidentPerson.count({ where: { incidentId: created.id } })).toBe(1);
  });

  it("refuses bad input as problem details with the field errors (422), bad JSON (400) and other content types (415)", async () => {
    signedIn = await officer();
    const invalid = await post(incident({ category: "LOUD", submissionKey: "x" }));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await invalid.json()) as { title: string; detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem).toMatchObject({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: "There is a problem with the incident",
    });
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(["#/category", "#/submissionKey"]);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify(incident()), "text/plain")).status).toBe(415);
  });

  it("a person id the user may not see is refused as invalid input, and nothing is written", async () => {
    signedIn = await officer();
    const stranger = await officer();
    const hidden = await db.person.create({
      data: { firstName: "Not", lastName: "Yours", searchText: "not yours", createdByOrgId: stranger.organisationId },
    });
    const before = await db.incident.count();
    const response = await post(incident({ people: [{ personId: hidden.id, role: "VICTIM" }] }));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([
      { pointer: "#/people/0/personId", detail: "Choose a person from the list, or add a new person" },
    ]);
    expect(await db.incident.count()).toBe(before);
  });
});
