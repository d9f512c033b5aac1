import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor-type";
import { db } from "@/lib/db";
import {
  ACTIONS,
  existingPages,
  existingRouteHandlers,
  existingServerActions,
  PAGES,
  ROUTES,
  SUBJECT_NAMES,
  type Subject,
} from "@/tests/support/access-matrix";
import { agency, colleague } from "@/tests/support/people-fixtures";
import { callServerAction, signInForCalls, type Called } from "@/tests/support/server-action-calls";

// The access matrix (tests/support/access-matrix.ts) must name every page, route handler and
// server action: a new one without an entry fails here, listed by name. The pages and route
// handlers are requested over HTTP by tests/e2e/access-matrix.spec.ts; the server actions are
// called here, as a signed-out visitor (the real session code with no cookie: it must send them
// to sign in) and as every kind of user with guessed ids (nothing may be written).

// No request here: the session cookie jar is empty (signed out) unless a test signs a subject in.
vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

function missing(listed: Iterable<string>, existing: readonly string[]): string[] {
  const known = new Set(listed);
  return existing.filter((x) => !known.has(x));
}

describe("the access matrix names every route", () => {
  it("every page has an entry", () => {
    expect(missing(Object.keys(PAGES), existingPages()), "pages without an entry in tests/support/access-matrix.ts (PAGES)").toEqual([]);
  });
  it("every route handler has an entry", () => {
    expect(
      missing(Object.keys(ROUTES), existingRouteHandlers()),
      "route handlers without an entry in tests/support/access-matrix.ts (ROUTES)",
    ).toEqual([]);
  });
  it("every server action has an entry", () => {
    expect(
      missing(Object.keys(ACTIONS), existingServerActions()),
      "server actions without an entry in tests/support/access-matrix.ts (ACTIONS)",
    ).toEqual([]);
  });
  it("no entry names a route that no longer exists", () => {
    expect(missing(existingPages(), Object.keys(PAGES)), "PAGES entries for pages that do not exist").toEqual([]);
    expect(missing(existingRouteHandlers(), Object.keys(ROUTES)), "ROUTES entries for route handlers that do not exist").toEqual([]);
    expect(missing(existingServerActions(), Object.keys(ACTIONS)), "ACTIONS entries for actions that do not exist").toEqual([]);
  });
  it("every probe says what each kind of visitor gets", () => {
    for (const [route, probes] of Object.entries({ ...PAGES, ...ROUTES })) {
      expect(probes.length, route).toBeGreaterThan(0);
      for (const probe of probes) expect(Object.keys(probe.expect).sort(), route).toEqual([...SUBJECT_NAMES].sort());
    }
  });
});

// ───────────────────────────── Server actions ─────────────────────────────

type ServerAction = (...args: unknown[]) => Promise<unknown>;

async function loadAction(key: string): Promise<ServerAction> {
  const [file, name] = key.split("#") as [string, string];
  const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`)) as Record<string, ServerAction>;
  const action = mod[name];
  if (typeof action !== "function") throw new Error(`${key} is not a function`);
  return action;
}

/** A form aimed at records that do not exist: every id-like field a guessed uuid. */
function guessedForm(): FormData {
  const form = new FormData();
  for (const field of [
    "id",
    "caseId",
    "personId",
    "powerId",
    "actionId",
    "entryId",
    "incidentId",
    "incidentIds",
    "placeId",
    "documentId",
    "survivorId",
    "duplicateId",
    "pspoId",
    "meetingId",
    "referralId",
    "itemId",
    "agendaItemId",
    "userId",
    "organisationId",
    "triggerId",
    "complaintId",
    "markerId",
    "assessmentId",
    "kindId",
    "clientId",
  ])
    form.set(field, randomUUID());
  form.set("version", "1");
  form.set("confirmed", "yes");
  form.set("submissionKey", randomUUID());
  return form;
}

/** Plain form actions take (formData); with useActionState (previousState, formData); bound to a
 * record (id, previousState, formData): that id is guessed too. */
function call(action: ServerAction, form: FormData) {
  return callServerAction(() =>
    action.length >= 3 ? action(randomUUID(), undefined, form) : action.length === 2 ? action(undefined, form) : action(form),
  );
}

const refusalsBy = (actor: Actor) => db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: actor.userId } });

/** Refused, as opposed to sent back for the form's own problems: "not found", or an error message. */
function isRefusal(result: Called): boolean {
  if (result.kind === "not-found") return true;
  return result.kind === "returned" && (result.value as { status?: string } | null)?.status === "error";
}

/** Every write is audited in its own transaction: no new CREATE/UPDATE/DELETE entry, no write. */
const writes = () => db.auditEvent.count({ where: { action: { in: ["CREATE", "UPDATE", "DELETE"] } } });

describe("every server action, signed out", () => {
  for (const key of Object.keys(ACTIONS).filter((k) => !ACTIONS[k]!.publicWithToken)) {
    it(`${key} sends a signed-out visitor to sign in and changes nothing`, async () => {
      signInForCalls(null);
      const before = await writes();
      const result = await call(await loadAction(key), guessedForm());
      expect(result.kind === "redirect" ? result.to : result).toMatch(/^\/sign-in/);
      expect(await writes()).toBe(before);
    });
  }
});

describe("every server action, as every kind of user, with guessed ids", () => {
  const subjects = {} as Record<Exclude<Subject, "signedOut">, Actor>;
  beforeAll(async () => {
    const home = await agency({ role: "OFFICER", panels: ["CCM"] });
    const other = await agency({ kind: "HOUSING_PROVIDER" });
    const police = await agency({ kind: "POLICE" });
    subjects.officer = home.actor;
    subjects.admin = (await colleague(home.organisation.id, { role: "ADMIN" })).actor;
    subjects.manager = (await colleague(home.organisation.id, { role: "MANAGER", panels: ["CCM"] })).actor;
    subjects.chair = (await colleague(home.organisation.id, { role: "CHAIR", panels: ["CCM"] })).actor;
    subjects.viewer = (await colleague(home.organisation.id, { role: "VIEWER" })).actor;
    subjects.panelMember = (await colleague(home.organisation.id, { panels: ["MARAC"] })).actor;
    subjects.otherOrg = other.actor;
    subjects.nonPanel = police.actor;
  });

  for (const key of Object.keys(ACTIONS).filter((k) => !ACTIONS[k]!.endsSession)) {
    it(`${key}: nothing is written for a record that does not exist, whoever asks`, async () => {
      const action = await loadAction(key);
      for (const subject of SUBJECT_NAMES.filter((s): s is Exclude<Subject, "signedOut"> => s !== "signedOut")) {
        signInForCalls(subjects[subject]);
        const before = await writes();
        const refusalsBefore = await refusalsBy(subjects[subject]);
        const result = await call(action, guessedForm());
        signInForCalls(null);
        if (result.kind === "threw")
          throw new Error(
            `${key} as ${subject} failed with an unexpected error: ${String((result.error as Error)?.message ?? result.error)}`,
          );
        // Every refusal is audited: by role or for a record that is not there (or hidden: the same work).
        if (isRefusal(result))
          expect(
            await refusalsBy(subjects[subject]),
            `${key} as ${subject} refused without an audit entry: ${JSON.stringify(result)}`,
          ).toBeGreaterThan(refusalsBefore);
        if (ACTIONS[key]!.writesWithoutRecord?.includes(subject)) continue;
        expect(await writes(), `${key} as ${subject} wrote something`).toBe(before);
      }
    });
  }
});
