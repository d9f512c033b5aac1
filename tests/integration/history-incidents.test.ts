import { afterEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { createIncident, updateIncident } from "@/lib/incidents/data";
import { logIncident, saveIncident } from "@/lib/incidents/actions";
import type { IncidentInput } from "@/lib/incidents/schema";
import { createPspo } from "@/lib/pspos/data";
import { calendarDate, fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { IDLE } from "@/lib/forms";
import { callServerAction, signInForCalls } from "@/tests/support/server-action-calls";
import { agency } from "./cases-support";

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

// References carry the year of the event they record (an incident from 2018 is INC-2018-…), still
// gap-free per year and kind; and an incident reported long after it happened is accepted once
// the officer has confirmed both dates.

afterEach(() => signInForCalls(null));

function input(occurredAt: Date, overrides: Partial<IncidentInput> = {}): IncidentInput {
  return {
    occurredAt,
    reportedAt: new Date(occurredAt.getTime() + 60 * 60_000),
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Loud music from the flat upstairs until 3am.",
    riskLevel: "STANDARD",
    location: null,
    people: [],
    caseId: null,
    ...overrides,
  };
}

const log = (actor: Actor, occurredAt: Date, overrides: Partial<IncidentInput> = {}) =>
  createIncident(actor, input(occurredAt, overrides), randomUUID());

describe("references carry the year of the event they record", () => {
  it("an incident that happened in 2018, logged today, is INC-2018-…", async () => {
    const police = await agency({ kind: "POLICE" });
    const logged = await log(police.actor, fromLondonLocal(2018, 4, 20, 21, 30));
    expect(logged.reference).toMatch(/^INC-2018-\d{6}$/);
  });

  it("two incidents of the same year logged at once get consecutive numbers, and one of today keeps this year's sequence", async () => {
    const police = await agency({ kind: "POLICE" });
    const [a, b] = await Promise.all([
      log(police.actor, fromLondonLocal(2011, 3, 1, 10, 0)),
      log(police.actor, fromLondonLocal(2011, 11, 5, 22, 15)),
    ]);
    expect([a!.reference, b!.reference].sort()).toEqual(["INC-2011-000001", "INC-2011-000002"]);
    const today = await log(police.actor, new Date(Date.now() - 60 * 60_000));
    expect(today.reference.slice(4, 8)).toBe(String(londonDateParts(new Date(Date.now() - 60 * 60_000)).year));
  });

  it("an existing reference never changes, even when the date it happened is corrected to another year", async () => {
    const police = await agency({ kind: "POLICE" });
    const logged = await log(police.actor, fromLondonLocal(2018, 4, 20, 21, 30));
    await updateIncident(police.actor, logged.id, 1, input(fromLondonLocal(2017, 12, 30, 21, 30)));
    const stored = await db.incident.findUniqueOrThrow({ where: { id: logged.id }, select: { reference: true, occurredAt: true } });
    expect(stored).toEqual({ reference: logged.reference, occurredAt: fromLondonLocal(2017, 12, 30, 21, 30) });
  });

  it("a PSPO carries the year it starts", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const { id } = await createPspo(
      council.actor,
      {
        name: "Town Centre PSPO",
        area: "The High Street",
        locationId: null,
        prohibitions: "No drinking alcohol when asked to stop",
        startsOn: calendarDate(2019, 10, 1),
        endsOn: calendarDate(2022, 9, 30),
      },
      randomUUID(),
    );
    expect((await db.pspo.findUniqueOrThrow({ where: { id } })).reference).toMatch(/^PSPO-2019-\d{6}$/);
  });
});

// ───────────────────────────── Reported long after it happened ─────────────────────────────

const twoHoursAgo = londonDateParts(new Date(Date.now() - 2 * 60 * 60_000));
const hhmm = (p: { hour: number; minute: number }) => `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;

/** The incident form as the browser posts it: happened on `occurred`, reported today. */
function incidentForm(occurred: { year: number; month: number; day: number }, extra: Record<string, string> = {}): FormData {
  const fields: Record<string, string> = {
    "occurred-day": String(occurred.day),
    "occurred-month": String(occurred.month),
    "occurred-year": String(occurred.year),
    occurredTime: "21:30",
    "reported-day": String(twoHoursAgo.day),
    "reported-month": String(twoHoursAgo.month),
    "reported-year": String(twoHoursAgo.year),
    reportedTime: hhmm(twoHoursAgo),
    reportMethod: "PHONE",
    category: "NUISANCE",
    type: "NOISE",
    description: "Loud music from the flat upstairs until 3am.",
    riskLevel: "STANDARD",
    locationMode: "existing",
    ...extra,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const daysBefore = (days: number) => {
  const d = new Date(Date.UTC(twoHoursAgo.year, twoHoursAgo.month - 1, twoHoursAgo.day - days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const iso = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

describe("an incident reported long after it happened", () => {
  it("is held back, with the warning, until the officer confirms both dates; then it is logged as typed", async () => {
    const police = await agency({ kind: "POLICE" });
    signInForCalls(police.actor);
    const occurred = { year: 2018, month: 4, day: 20 };
    const key = `${iso(occurred)}/${iso(twoHoursAgo)}`;
    const description = `Reported late ${randomUUID()}`;

    const first = await callServerAction(() => logIncident(IDLE, incidentForm(occurred, { submissionKey: randomUUID(), description })));
    expect(first.kind).toBe("returned");
    const state = (first as { value: { status: string; lateReport?: { days: number; key: string }; values?: Record<string, unknown> } })
      .value;
    expect(state.status).toBe("idle");
    expect(state.lateReport?.key).toBe(key);
    expect(state.lateReport!.days).toBeGreaterThan(2900);
    // What was typed comes back with it, for the form to show again.
    expect(state.values?.description).toBe(description);
    expect(await db.incident.count({ where: { description } })).toBe(0);

    // A confirmation of another pair of dates does not count.
    const other = await callServerAction(() =>
      logIncident(IDLE, incidentForm(occurred, { submissionKey: randomUUID(), description, lateDatesConfirmed: "2018-04-19/2018-05-30" })),
    );
    expect((other as { value: { lateReport?: unknown } }).value.lateReport).toBeDefined();

    const confirmed = await callServerAction(() =>
      logIncident(IDLE, incidentForm(occurred, { submissionKey: randomUUID(), description, lateDatesConfirmed: key })),
    );
    expect(confirmed.kind).toBe("redirect");
    const logged = await db.incident.findFirstOrThrow({ where: { description }, select: { reference: true, occurredAt: true } });
    expect(logged.reference).toMatch(/^INC-2018-/);
    expect(logged.occurredAt).toEqual(fromLondonLocal(2018, 4, 20, 21, 30));
  });

  it("up to 28 days after, it is logged at once", async () => {
    const police = await agency({ kind: "POLICE" });
    signInForCalls(police.actor);
    const description = `Reported within four weeks ${randomUUID()}`;
    const result = await callServerAction(() =>
      logIncident(IDLE, incidentForm(daysBefore(28), { submissionKey: randomUUID(), description })),
    );
    expect(result.kind).toBe("redirect");
    expect(await db.incident.count({ where: { description } })).toBe(1);

    const later = `Reported after four weeks ${randomUUID()}`;
    const held = await callServerAction(() =>
      logIncident(IDLE, incidentForm(daysBefore(29), { submissionKey: randomUUID(), description: later })),
    );
    expect((held as { value: { lateReport?: { days: number } } }).value.lateReport?.days).toBe(29);
  });

  it("when changed, its own dates on record are not asked about again, but a new late pair is", async () => {
    const police = await agency({ kind: "POLICE" });
    signInForCalls(police.actor);
    const reportedAt = fromLondonLocal(twoHoursAgo.year, twoHoursAgo.month, twoHoursAgo.day, 0, 5);
    const logged = await createIncident(police.actor, input(fromLondonLocal(2018, 4, 20, 21, 30), { reportedAt }), randomUUID());
    const edit = (occurred: { year: number; month: number; day: number }, version: number, extra: Record<string, string> = {}) =>
      callServerAction(() =>
        saveIncident(
          IDLE,
          incidentForm(occurred, {
            incidentId: logged.id,
            version: String(version),
            reportedTime: "00:05",
            description: "Changed",
            ...extra,
          }),
        ),
      );

    // The form carries the stored pair as confirmed (the edit page gives it).
    const storedKey = `2018-04-20/${iso(twoHoursAgo)}`;
    expect((await edit({ year: 2018, month: 4, day: 20 }, 1, { lateDatesConfirmed: storedKey })).kind).toBe("redirect");

    const moved = await edit({ year: 2018, month: 3, day: 1 }, 2, { lateDatesConfirmed: storedKey });
    expect((moved as { value: { lateReport?: { key: string } } }).value.lateReport?.key).toBe(`2018-03-01/${iso(twoHoursAgo)}`);
    expect((await db.incident.findUniqueOrThrow({ where: { id: logged.id } })).occurredAt).toEqual(fromLondonLocal(2018, 4, 20, 21, 30));
  });
});
