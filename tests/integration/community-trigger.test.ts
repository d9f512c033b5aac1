import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { CaseChangedError, shareCase } from "@/lib/cases/data";
import { addQualifyingComplaint, getCommunityTrigger, removeQualifyingComplaint, saveCommunityTrigger } from "@/lib/community-trigger/data";
import { withDateParts, ZComplaintForm, ZTriggerForm, type ComplaintInput, type TriggerDetailsInput } from "@/lib/community-trigger/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { calendarDate, londonToday } from "@/lib/format/dates";
import { agency, makePerson, open, timelineOf } from "./cases-support";
import { ownerSql } from "@/tests/support/database-roles";

// The Community Trigger as specifications: whether the threshold is met is worked out from the
// qualifying complaints and the partnership's setting, never typed; every change writes its
// timeline and audit entries with it, or nothing at all.

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(londonToday().getTime() - n * DAY);
const PROBLEM = "Noise and rowdy behaviour from parties at 10 Quarry Lane";

function application(overrides: Partial<TriggerDetailsInput> = {}): TriggerDetailsInput {
  return {
    applicationDate: daysAgo(1),
    applicant: { kind: "name", name: "Patrick Nolan" },
    reviewCarriedOut: false,
    reviewDate: null,
    recommendations: null,
    escalationRequested: false,
    escalationOutcome: null,
    ...overrides,
  };
}

/** A complaint about PROBLEM, made `made` days ago about an incident `incident` days ago. */
function complaint(incident: number, made: number, overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    incidentId: null,
    incidentDate: daysAgo(incident),
    complaintDate: daysAgo(made),
    madeTo: "Kingsmere Council ASB team",
    problem: PROBLEM,
    ...overrides,
  };
}

async function triggerCase(actor: Actor) {
  const opened = await open(actor, { kind: "COMMUNITY_TRIGGER", title: "ASB case review: Quarry Lane" });
  const version = async () => (await db.case.findUniqueOrThrow({ where: { id: opened.id } })).version;
  await saveCommunityTrigger(actor, opened.id, await version(), application());
  return { ...opened, version };
}

async function withThresholdSetting<T>(
  value: { complaints: number; windowMonths: number; reportWithinDays: number },
  run: () => Promise<T>,
): Promise<T> {
  await db.setting.upsert({ where: { key: "communityTrigger" }, create: { key: "communityTrigger", value }, update: { value } });
  try {
    return await run();
  } finally {
    await db.setting.delete({ where: { key: "communityTrigger" } });
  }
}

describe("the Community Trigger threshold", () => {
  it("is met by three complaints about the same problem in six months, each within a month of the incident, and not before", async () => {
    const council = await agency();
    const c = await triggerCase(council.actor);
    expect((await addQualifyingComplaint(council.actor, c.id, complaint(120, 118))).thresholdMet).toBe(false);
    expect((await addQualifyingComplaint(council.actor, c.id, complaint(60, 59, { madeTo: "Metropolitan Police" }))).thresholdMet).toBe(
      false,
    );
    expect(
      (
        await addQualifyingComplaint(
          council.actor,
          c.id,
          complaint(10, 3, { problem: "noise and rowdy behaviour from parties at 10 Quarry Lane!" }),
        )
      ).thresholdMet,
    ).toBe(true);

    expect((await db.communityTrigger.findUniqueOrThrow({ where: { caseId: c.id } })).thresholdMet).toBe(true);
    const view = await getCommunityTrigger(council.actor, c.id);
    expect(view?.threshold).toMatchObject({ met: true, counted: 3, setting: { complaints: 3, windowMonths: 6, reportWithinDays: 31 } });
    expect(view?.complaints.every((row) => row.counts && row.reason === null)).toBe(true);
    const last = (await timelineOf(c.id)).at(-1)!;
    expect(last.kind).toBe("COMMUNITY_TRIGGER_UPDATED");
    expect(last.summary).toContain("It counts towards the threshold. Threshold met: 3 of 3 qualifying complaints.");
  });

  it("says why a complaint does not count: made too long after the incident, too long before the application, or about another problem", async () => {
    const council = await agency();
    const c = await triggerCase(council.actor);
    const late = await addQualifyingComplaint(council.actor, c.id, complaint(90, 40));
    const old = await addQualifyingComplaint(council.actor, c.id, complaint(250, 245));
    const other = await addQualifyingComplaint(council.actor, c.id, complaint(20, 19, { problem: "Fly-tipping in the alley" }));
    await addQualifyingComplaint(council.actor, c.id, complaint(10, 9));
    await addQualifyingComplaint(council.actor, c.id, complaint(15, 14));

    const view = (await getCommunityTrigger(council.actor, c.id))!;
    const reason = (id: string) => view.complaints.find((row) => row.id === id)?.reason;
    expect(view.threshold).toMatchObject({ met: false, counted: 2 });
    expect(reason(late.id)).toBe("not made within 31 days of the incident");
    expect(reason(old.id)).toBe("made more than 6 months before the application");
    expect(reason(other.id)).toBe("about a different problem");
    expect(view.complaints.filter((row) => row.counts).map((row) => row.problem)).toEqual([PROBLEM, PROBLEM]);
  });

  it("follows the partnership's setting: with the threshold set to 2 complaints, two complaints meet it", async () => {
    const council = await agency();
    const c = await triggerCase(council.actor);
    await addQualifyingComplaint(council.actor, c.id, complaint(30, 28));
    await withThresholdSetting({ complaints: 2, windowMonths: 6, reportWithinDays: 31 }, async () => {
      const added = await addQualifyingComplaint(council.actor, c.id, complaint(10, 9));
      expect(added.thresholdMet).toBe(true);
      expect((await getCommunityTrigger(council.actor, c.id))?.threshold).toMatchObject({
        met: true,
        counted: 2,
        setting: { complaints: 2 },
      });
    });
    // Back to the default of three: the stored result stands until the next change, and the page can say it differs.
    const view = (await getCommunityTrigger(council.actor, c.id))!;
    expect({ stored: view.thresholdMet, now: view.threshold.met }).toEqual({ stored: true, now: false });
  });

  it("cannot be typed: a thresholdMet posted with the form is ignored", async () => {
    const council = await agency();
    const c = await triggerCase(council.actor);
    const values = {
      caseId: c.id,
      version: String(await c.version()),
      "applicationDate-day": String(daysAgo(1).getUTCDate()),
      "applicationDate-month": String(daysAgo(1).getUTCMonth() + 1),
      "applicationDate-year": String(daysAgo(1).getUTCFullYear()),
      applicant: "name",
      applicantName: "Patrick Nolan",
      reviewCarriedOut: "no",
      escalationRequested: "no",
      thresholdMet: "true",
    };
    const parsed = ZTriggerForm.parse(withDateParts(values, ["applicationDate", "reviewDate"]));
    expect(parsed.input).not.toHaveProperty("thresholdMet");
    await saveCommunityTrigger(council.actor, c.id, parsed.version, { ...parsed.input, recommendations: "Joint visit" });
    expect((await db.communityTrigger.findUniqueOrThrow({ where: { caseId: c.id } })).thresholdMet).toBe(false);
  });
});

describe("recording and changing the application", () => {
  it("records the application with its timeline and audit entries, and changes only at the version the form was opened at", async () => {
    const council = await agency();
    const opened = await open(council.actor, { kind: "COMMUNITY_TRIGGER" });
    const v1 = (await db.case.findUniqueOrThrow({ where: { id: opened.id } })).version;
    const applicant = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Patrick", lastName: "Nolan" });

    const byPerson = { applicant: { kind: "person" as const, personId: applicant.id } };
    const first = await saveCommunityTrigger(council.actor, opened.id, v1, application(byPerson));
    expect(first).toMatchObject({ created: true, thresholdMet: false });
    const stored = await db.communityTrigger.findUniqueOrThrow({ where: { caseId: opened.id } });
    expect(stored).toMatchObject({ applicantPersonId: applicant.id, applicantName: "Patrick Nolan", reviewCarriedOut: false });
    expect((await timelineOf(opened.id)).at(-1)?.summary).toMatch(
      /^Application recorded: received on \d\d\/\d\d\/\d{4} from Patrick Nolan\. Threshold not met: 0 of 3/,
    );
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "CommunityTrigger", entityId: opened.id } })).toBe(1);

    // Two officers opened the form at v2; the first saves the review, the second's save is refused.
    const v2 = v1 + 1;
    const review = application({ ...byPerson, reviewCarriedOut: true, reviewDate: daysAgo(0), recommendations: "1. Joint visit" });
    const saved = await saveCommunityTrigger(council.actor, opened.id, v2, review);
    expect(saved.changed).toEqual(["reviewCarriedOut", "recommendations"]);
    await expect(
      saveCommunityTrigger(council.actor, opened.id, v2, application({ ...byPerson, escalationRequested: true })),
    ).rejects.toBeInstanceOf(CaseChangedError);
    expect((await db.communityTrigger.findUniqueOrThrow({ where: { caseId: opened.id } })).escalationRequested).toBe(false);

    // Adding a complaint moves the version on too: a form opened before it is out of date.
    const v3 = (await db.case.findUniqueOrThrow({ where: { id: opened.id } })).version;
    await addQualifyingComplaint(council.actor, opened.id, complaint(5, 4));
    await expect(saveCommunityTrigger(council.actor, opened.id, v3, review)).rejects.toBeInstanceOf(CaseChangedError);
  });

  it("the applicant must be a person the officer can see, or a name", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const hidden = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Someone", lastName: "Elsewhere" });
    const opened = await open(council.actor, { kind: "COMMUNITY_TRIGGER" });
    const version = (await db.case.findUniqueOrThrow({ where: { id: opened.id } })).version;
    const refused = await saveCommunityTrigger(
      council.actor,
      opened.id,
      version,
      application({ applicant: { kind: "person", personId: hidden.id } }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.applicantPersonId).toEqual(["Search for the applicant and select them from the list"]);
    expect(await db.communityTrigger.count({ where: { caseId: opened.id } })).toBe(0);
  });

  it("only a Community Trigger case has these fields", async () => {
    const council = await agency();
    const asb = await open(council.actor, { kind: "ASB" });
    const version = (await db.case.findUniqueOrThrow({ where: { id: asb.id } })).version;
    await expect(saveCommunityTrigger(council.actor, asb.id, version, application())).rejects.toBeInstanceOf(ConflictError);
  });

  it("checks the complaint form: a complaint made before its incident, and no incident date or incident, are refused", () => {
    const parts = (name: string, d: Date) => ({
      [`${name}-day`]: String(d.getUTCDate()),
      [`${name}-month`]: String(d.getUTCMonth() + 1),
      [`${name}-year`]: String(d.getUTCFullYear()),
    });
    const base = { caseId: "0197a1b2-0000-7000-8000-000000000000", madeTo: "Police", problemText: PROBLEM };
    const before = ZComplaintForm.safeParse(
      withDateParts({ ...base, ...parts("incidentDate", daysAgo(3)), ...parts("complaintDate", daysAgo(5)) }, [
        "incidentDate",
        "complaintDate",
      ]),
    );
    expect(before.error?.issues.map((i) => i.path.join("."))).toEqual(["complaintDate"]);
    const undated = ZComplaintForm.safeParse(
      withDateParts({ ...base, ...parts("complaintDate", daysAgo(5)) }, ["incidentDate", "complaintDate"]),
    );
    expect(undated.error?.issues[0]?.message).toBe("Enter the date of the incident, or select the incident it was about");
    const future = ZTriggerForm.safeParse(
      withDateParts(
        {
          caseId: base.caseId,
          version: "1",
          applicant: "name",
          applicantName: "A",
          reviewCarriedOut: "no",
          escalationRequested: "no",
          ...parts("applicationDate", calendarDate(2099, 1, 1)),
        },
        ["applicationDate"],
      ),
    );
    expect(future.error?.issues[0]?.message).toBe("The date of the application must be today or in the past");
  });
});

describe("who may change a Community Trigger", () => {
  it("an organisation the case is not shared with sees nothing and changes nothing; a shared one adds complaints but only the lead changes the application or removes them", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const c = await triggerCase(council.actor);

    expect(await getCommunityTrigger(police.actor, c.id)).toBeNull();
    await expect(addQualifyingComplaint(police.actor, c.id, complaint(5, 4))).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveCommunityTrigger(police.actor, c.id, await c.version(), application())).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: police.user.id, entityId: c.id } })).toBe(2);

    await shareCase(council.actor, c.id, police.organisation.id);
    const added = await addQualifyingComplaint(police.actor, c.id, complaint(5, 4, { madeTo: "Metropolitan Police" }));
    await expect(
      saveCommunityTrigger(police.actor, c.id, await c.version(), application({ escalationRequested: true })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeQualifyingComplaint(police.actor, c.id, added.id)).rejects.toBeInstanceOf(ForbiddenError);

    await removeQualifyingComplaint(council.actor, c.id, added.id);
    expect(await db.qualifyingComplaint.count({ where: { triggerCaseId: c.id } })).toBe(0);
    expect((await timelineOf(c.id)).at(-1)?.summary).toContain("Qualifying complaint removed");
    expect(await db.auditEvent.count({ where: { action: "DELETE", entityType: "QualifyingComplaint", entityId: added.id } })).toBe(1);
  });

  it("a failure while writing the timeline entry leaves no complaint, the threshold and the version as they were, and no entry", async () => {
    const council = await agency();
    const c = await withThresholdSetting({ complaints: 1, windowMonths: 6, reportWithinDays: 31 }, async () => {
      const made = await triggerCase(council.actor);
      const before = {
        version: await made.version(),
        trigger: await db.communityTrigger.findUniqueOrThrow({ where: { caseId: made.id } }),
        entries: (await timelineOf(made.id)).length,
      };
      await ownerSql(`
        CREATE OR REPLACE FUNCTION test_refuse_trigger_entry() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.kind = 'COMMUNITY_TRIGGER_UPDATED' THEN RAISE EXCEPTION 'forced failure for the test'; END IF;
          RETURN NEW;
        END $$`);
      await ownerSql(
        `CREATE TRIGGER test_refuse_trigger_entry BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_trigger_entry()`,
      );
      try {
        // With a threshold of one, this complaint would meet it: nothing of that may remain.
        await expect(addQualifyingComplaint(council.actor, made.id, complaint(5, 4))).rejects.toThrow(/forced failure/);
        await expect(
          saveCommunityTrigger(council.actor, made.id, before.version, application({ reviewCarriedOut: true, reviewDate: daysAgo(0) })),
        ).rejects.toThrow(/forced failure/);
      } finally {
        await ownerSql(`DROP TRIGGER test_refuse_trigger_entry ON "TimelineEntry"`);
      }
      return { made, before };
    });
    expect(await db.qualifyingComplaint.count({ where: { triggerCaseId: c.made.id } })).toBe(0);
    expect(await db.communityTrigger.findUniqueOrThrow({ where: { caseId: c.made.id } })).toEqual(c.before.trigger);
    expect(await c.made.version()).toBe(c.before.version);
    expect(await timelineOf(c.made.id)).toHaveLength(c.before.entries);
    expect(
      await db.auditEvent.count({ where: { entityType: "QualifyingComplaint", detail: { path: ["caseId"], equals: c.made.id } } }),
    ).toBe(0);
  });
});
