import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { NotFoundError } from "@/lib/errors";
import { buildReturnReport, returnPeriodChoices } from "@/lib/returns/data";
import { registerPeriodChoices } from "@/lib/register/data";
import { parsePeriodKey, type PeriodChoice } from "@/lib/returns/period";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { day, makeCase, makeKind, makeMeeting, makePower, makeTrigger, utc } from "./returns-support";

// A partnership that brings its history onto the service: which periods each return and the
// register offer, from the side of a manager (the whole partnership), officers who see their own
// organisation's figures, and a MARAC panel member. Every financial year from the one holding the
// earliest record in the viewer's scope to the current one is offered, latest first; a period
// named in the address is offered and shown, however old; an address naming no period is refused
// as such, never answered with another period.
//
// "Now" is 15 June 2026: the current financial year is 2026/27.

const NOW = utc("2026-06-15T12:00:00Z");

// The routes read the signed-in actor from the session cookie; here the test says who it is.
const signedIn: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn.actor }));
const returnsApi = await import("@/app/api/returns/[returnKey]/route");
const registerApi = await import("@/app/api/returns/register/route");

let manager: Actor;
let policeOfficer: Actor;
let councilOfficer: Actor;
let councilChair: Actor;
let housingOfficer: Actor;
let fireOfficer: Actor;
let maracMember: Actor;
let police: { id: string };
let cpw: { id: string };

/** The financial years offered, latest first (each is followed by its four quarters). */
const years = (choices: PeriodChoice[]) => choices.filter((c) => !c.key.includes("-q")).map((c) => c.key);
const lastYear = (choices: PeriodChoice[]) => years(choices).at(-1);

beforeAll(async () => {
  police = await makeOrganisation("POLICE", "Kingsmere Police");
  const council = await makeOrganisation("LOCAL_AUTHORITY", "Kingsmere Council");
  const housing = await makeOrganisation("HOUSING_PROVIDER", "Kingsmere Homes");
  const fire = await makeOrganisation("FIRE", "Kingsmere Fire");
  const policeUser = await makeUser({ organisationId: police.id });
  const councilUser = await makeUser({ organisationId: council.id });
  const housingUser = await makeUser({ organisationId: housing.id });
  manager = await actorFor((await makeUser({ organisationId: council.id, role: "MANAGER", panels: ["CCM"] })).id);
  policeOfficer = await actorFor(policeUser.id);
  councilOfficer = await actorFor(councilUser.id);
  councilChair = await actorFor((await makeUser({ organisationId: council.id, role: "CHAIR", panels: ["CCM"] })).id);
  housingOfficer = await actorFor(housingUser.id);
  fireOfficer = await actorFor((await makeUser({ organisationId: fire.id })).id);
  maracMember = await actorFor((await makeUser({ organisationId: police.id, panels: ["MARAC"] })).id);

  cpw = await makeKind("CPW", "Community Protection Warning", 1);
  // The police's earliest power: 00:30 BST on 1 April 2018, so in 2018/19 (London time), not 2017/18.
  await makePower({ kindId: cpw.id, organisationId: police.id, officerId: policeUser.id, issuedAt: utc("2018-03-31T23:30:00Z") });
  await makePower({ kindId: cpw.id, organisationId: police.id, officerId: policeUser.id, issuedAt: utc("2024-05-01T10:00:00Z") });
  // The council's own earliest power: 2021/22; breached the year after.
  await makePower({
    kindId: cpw.id,
    organisationId: council.id,
    officerId: councilUser.id,
    issuedAt: utc("2021-09-01T10:00:00Z"),
    status: "BREACHED",
    breaches: [{ at: utc("2022-01-10T10:00:00Z"), action: "WARNING" }],
  });
  // Housing's only power was issued in 2023, but its withdrawal was recorded as 2019: a mistyped
  // record, which the return still counts in 2019/20, so that year is offered.
  await makePower({
    kindId: cpw.id,
    organisationId: housing.id,
    officerId: housingUser.id,
    issuedAt: utc("2023-05-01T10:00:00Z"),
    status: "WITHDRAWN",
    changes: [{ to: "WITHDRAWN", at: utc("2019-08-01T10:00:00Z") }],
  });

  // Community Trigger applications: the police lead one received on 31 March 2017 (2016/17), the council one in 2019/20.
  await makeTrigger({ organisationId: police.id, createdById: policeUser.id, applicationDate: day("2017-03-31"), thresholdMet: true });
  await makeTrigger({ organisationId: council.id, createdById: councilUser.id, applicationDate: day("2019-05-10"), thresholdMet: false });

  // CCM meetings: the earliest held was closed on 1 October 2019; older ones were never held.
  await makeMeeting({ panel: "CCM", startsAt: utc("2019-10-01T09:00:00Z"), chairId: councilUser.id, status: "CLOSED" });
  await makeMeeting({ panel: "CCM", startsAt: utc("2015-01-06T09:00:00Z"), chairId: councilUser.id, status: "SCHEDULED" });
  await makeMeeting({ panel: "CCM", startsAt: utc("2014-01-07T09:00:00Z"), chairId: councilUser.id, status: "CANCELLED" });
});

describe("the tools and powers return and the register offer every year from the earliest power in scope", () => {
  it("offers a manager every year from 2018/19, when the partnership's first power was issued, to 2026/27, each with its quarters", async () => {
    const choices = await returnPeriodChoices(manager, "tools-and-powers", null, NOW);
    expect(years(choices)).toEqual(["2026-27", "2025-26", "2024-25", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20", "2018-19"]);
    expect(choices.slice(-5).map((c) => c.label)).toEqual([
      "Financial year 2018/19",
      "Q1 2018/19 (April to June)",
      "Q2 2018/19 (July to September)",
      "Q3 2018/19 (October to December)",
      "Q4 2018/19 (January to March)",
    ]);
    expect(years(await registerPeriodChoices(manager, null, NOW))).toEqual(years(choices));
  });

  it("offers an officer, who sees their own organisation's figures, the years from their organisation's earliest power", async () => {
    expect(lastYear(await returnPeriodChoices(councilOfficer, "tools-and-powers", null, NOW))).toBe("2021-22");
    expect(lastYear(await returnPeriodChoices(councilChair, "tools-and-powers", null, NOW))).toBe("2021-22");
    expect(lastYear(await registerPeriodChoices(councilOfficer, null, NOW))).toBe("2021-22");
    expect(lastYear(await returnPeriodChoices(policeOfficer, "tools-and-powers", null, NOW))).toBe("2018-19");
  });

  it("counts a status change dated before the power's issue (a mistyped record) as the earliest record, since the return counts it there", async () => {
    expect(lastYear(await returnPeriodChoices(housingOfficer, "tools-and-powers", null, NOW))).toBe("2019-20");
  });

  it("offers the current year alone to an organisation with no powers", async () => {
    const choices = await returnPeriodChoices(fireOfficer, "tools-and-powers", null, NOW);
    expect(choices.map((c) => c.key)).toEqual(["2026-27", "2026-27-q1", "2026-27-q2", "2026-27-q3", "2026-27-q4"]);
    expect(await registerPeriodChoices(fireOfficer, null, NOW)).toEqual(choices);
  });
});

describe("the other returns offer the years of their own records", () => {
  it("Community Trigger: from the earliest application the viewer's scope covers (its lead organisation's)", async () => {
    // 31 March 2017 is the last day of 2016/17.
    expect(lastYear(await returnPeriodChoices(manager, "community-trigger", null, NOW))).toBe("2016-17");
    expect(lastYear(await returnPeriodChoices(policeOfficer, "community-trigger", null, NOW))).toBe("2016-17");
    expect(lastYear(await returnPeriodChoices(councilOfficer, "community-trigger", null, NOW))).toBe("2019-20");
    expect(years(await returnPeriodChoices(housingOfficer, "community-trigger", null, NOW))).toEqual(["2026-27"]);
  });

  it("CCM activity: from the earliest CCM meeting held, not one that was only scheduled or was cancelled", async () => {
    expect(lastYear(await returnPeriodChoices(manager, "ccm-activity", null, NOW))).toBe("2019-20");
    expect(lastYear(await returnPeriodChoices(housingOfficer, "ccm-activity", null, NOW))).toBe("2019-20");
  });

  it("MARAC: from the earliest MARAC meeting held, MARAC referral or transfer out", async () => {
    const marac = () => returnPeriodChoices(maracMember, "marac", null, NOW);
    expect(years(await marac())).toEqual(["2026-27"]);

    await makeMeeting({ panel: "MARAC", startsAt: utc("2020-06-01T09:00:00Z"), chairId: maracMember.userId, status: "CLOSED" });
    await makeMeeting({ panel: "MARAC", startsAt: utc("2016-06-01T09:00:00Z"), chairId: maracMember.userId, status: "SCHEDULED" });
    expect(lastYear(await marac())).toBe("2020-21");

    const maracCase = await makeCase({ organisationId: police.id, createdById: maracMember.userId, kind: "MARAC", restricted: true });
    await db.referral.create({
      data: {
        reference: "REF-2017-000001",
        caseId: maracCase.id,
        panel: "MARAC",
        referringOrganisationId: police.id,
        referringUserId: maracMember.userId,
        reason: "DASH 16",
        status: "DECLINED",
        referredAt: utc("2017-02-01T10:00:00Z"),
      },
    });
    expect(lastYear(await marac())).toBe("2016-17");

    await db.caseTransfer.create({
      data: {
        caseId: maracCase.id,
        area: "Ashcombe MARAC",
        reason: "The victim moved to Ashcombe",
        transferredAt: utc("2015-07-01T10:00:00Z"),
        recordedById: maracMember.userId,
        organisationId: police.id,
      },
    });
    expect(lastYear(await marac())).toBe("2015-16");
  });

  it("refuses the MARAC return's periods to anyone not on the MARAC panel, as not found, and audits the refusal", async () => {
    await expect(returnPeriodChoices(councilOfficer, "marac", null, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.count({
      where: { action: "ACCESS_REFUSED", userId: councilOfficer.userId, entityType: "Return", entityId: "marac" },
    });
    expect(refusals).toBe(1);
  });
});

describe("a period named in the address, however old, is the period shown and offered", () => {
  it("reads 1998/99, offers it among the choices although no record is that old, and builds its return", async () => {
    const period = parsePeriodKey("1998-99", NOW)!;
    expect(period).toMatchObject({ key: "1998-99", label: "1998/99", range: "1 April 1998 to 31 March 1999" });
    const choices = await returnPeriodChoices(manager, "tools-and-powers", period, NOW);
    expect(years(choices).slice(-2)).toEqual(["2018-19", "1998-99"]);
    expect(choices.map((c) => c.key)).toContain("1998-99");
    expect(years(await registerPeriodChoices(manager, parsePeriodKey("1998-99-q3", NOW), NOW))).toContain("1998-99");
    const report = await buildReturnReport(manager, "tools-and-powers", period, { now: NOW });
    expect(report.period.key).toBe("1998-99");
  });

  it("offers next year when the address names it, and refuses a year before 1990/91 or after next year", async () => {
    const next = parsePeriodKey("2027-28-q1", NOW)!;
    expect(years(await returnPeriodChoices(manager, "ccm-activity", next, NOW))[0]).toBe("2027-28");
    expect(parsePeriodKey("1989-90", NOW)).toBeNull();
    expect(parsePeriodKey("2028-29", NOW)).toBeNull();
  });

  it("a power issued in 1998 is counted in 1998/99, by the return, its download and the register, and that year is then offered", async () => {
    await makePower({
      kindId: cpw.id,
      organisationId: police.id,
      officerId: policeOfficer.userId,
      issuedAt: utc("1998-11-02T10:00:00Z"),
    });
    expect(lastYear(await returnPeriodChoices(manager, "tools-and-powers", null, NOW))).toBe("1998-99");
    const period = parsePeriodKey("1998-99", NOW)!;
    const report = await buildReturnReport(manager, "tools-and-powers", period, { now: NOW });
    const total = report.tables[0]!.rows.find((r) => r.key === "total")!;
    expect(total.figures.find((f) => f.measure === "issued")?.value).toBe(1);

    signedIn.actor = manager;
    const download = await returnsApi.GET(new Request("http://localhost/api/returns/tools-and-powers?period=1998-99&format=csv"), {
      params: Promise.resolve({ returnKey: "tools-and-powers" }),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain("tools-and-powers-return-1998-99.csv");
    expect(await download.text()).toContain("Kingsmere Police");

    // The register lists only the powers the viewer may see: the police's own, to a police officer.
    signedIn.actor = policeOfficer;
    const register = await registerApi.GET(new Request("http://localhost/api/returns/register?period=1998-99&format=csv"));
    expect(register.status).toBe(200);
    expect(register.headers.get("X-Total-Rows")).toBe("1");
    expect(register.headers.get("Content-Disposition")).toContain("tools-and-powers-register-1998-99.csv");
    await register.text();
  });

  it("answers an address naming no period with no figures: not found for a download, a plain 400 for the register", async () => {
    signedIn.actor = manager;
    for (const period of ["1989-90", "2026-28", "nonsense"]) {
      const download = await returnsApi.GET(new Request(`http://localhost/api/returns/tools-and-powers?period=${period}&format=csv`), {
        params: Promise.resolve({ returnKey: "tools-and-powers" }),
      });
      expect(download.status).toBe(404);
      const register = await registerApi.GET(new Request(`http://localhost/api/returns/register?period=${period}&format=csv`));
      expect(register.status).toBe(400);
      expect(await register.text()).toMatch(/^That is not a period we know\./);
    }
  });
});
