import type { AgendaReason, MaracGround, MeetingStatus, Panel, ReferralStatus, TransferDirection } from "../../lib/generated/prisma/enums";
import { addMinutes, numberReferences, seedId, type SeedContext, type When } from "./support";

// Referrals to the two panels and their meetings: a past CCM and MARAC (closed, with minutes and
// actions) and the next of each (scheduled, with an agenda built from accepted referrals).

type ReferralSeed = {
  key: string;
  case: string;
  panel: Panel;
  by: string;
  at: When;
  reason: string;
  grounds?: MaracGround[];
  isRepeat?: boolean;
  victim?: string;
  perpetrator?: string;
  children?: number;
  transfer?: { direction: TransferDirection; area: string };
  triage?: { outcome: ReferralStatus; note: string; by: string; at: When }[];
};

export const REFERRALS: ReferralSeed[] = [
  // CCM
  {
    key: "RF01",
    case: "C01",
    panel: "CCM",
    by: "daniel",
    at: [-30, "14:00"],
    victim: "ME",
    perpetrator: "CR",
    reason:
      "Persistent targeted harassment of an 82-year-old who lives alone, continuing despite ABCs, a CPW and patrols: seven incidents in a year, including a bin fire. Needs a coordinated plan: enforcement against the youths, support for the victim and rehousing options.",
    triage: [
      { outcome: "ACCEPTED", note: "Accepted: repeat and vulnerable victim. Listed for the next CCM.", by: "helen", at: [-27, "10:00"] },
    ],
  },
  {
    key: "RF02",
    case: "C02",
    panel: "CCM",
    by: "fatima",
    at: [-32, "11:30"],
    victim: "DP",
    perpetrator: "KD",
    reason:
      "Cuckooing of a tenant with a learning disability. The closure order ends next month; partners need a plan for a safe move and long-term support before it does.",
    triage: [{ outcome: "ACCEPTED", note: "Accepted for the next CCM.", by: "helen", at: [-29, "09:30"] }],
  },
  {
    key: "RF03",
    case: "C04",
    panel: "CCM",
    by: "laura",
    at: [-21, "16:00"],
    perpetrator: "GW",
    reason:
      "Entrenched street drinking group in the town centre; enforcement alone is not working. Gary Wilkins in particular needs a coordinated offer of treatment and housing.",
    triage: [
      {
        outcome: "MORE_INFO_REQUESTED",
        note: "Please add the outcome of the Recovery Hub outreach and whether Mr Wilkins has had a housing assessment.",
        by: "helen",
        at: [-19, "09:30"],
      },
      { outcome: "ACCEPTED", note: "Information received. Listed for the next CCM.", by: "helen", at: [-8, "12:00"] },
    ],
  },
  {
    key: "RF04",
    case: "C03",
    panel: "CCM",
    by: "owen",
    at: [-11, "10:00"],
    victim: "EY",
    perpetrator: "RB",
    reason: "Noise nuisance continuing despite a CPN and an FPN. The complainant has a baby and is at the end of her tether.",
    triage: [
      {
        outcome: "MORE_INFO_REQUESTED",
        note: "Please attach the noise diary and say whether the second breach is going to prosecution; this may be manageable without the CCM.",
        by: "helen",
        at: [-9, "15:00"],
      },
    ],
  },
  {
    key: "RF05",
    case: "C12",
    panel: "CCM",
    by: "joseph",
    at: [-240, "12:00"],
    perpetrator: "LA",
    reason: "Repeated commercial fly-tipping at the Ropemaker Way garages.",
    triage: [
      {
        outcome: "DECLINED",
        note: "Declined: environmental enforcement with no vulnerable victim, managed by the ASB team and Kingsmere Homes. Re-refer if it escalates.",
        by: "helen",
        at: [-236, "10:00"],
      },
    ],
  },
  {
    key: "RF06",
    case: "C11",
    panel: "CCM",
    by: "aisha",
    at: [-5, "17:00"],
    perpetrator: "JC",
    reason:
      "Youths intimidating park users in Fennel Park; three identified. One, aged 15, has been seen with an adult suspected of running a drugs line (possible exploitation). Request partnership problem-solving and youth service input.",
  },
  // MARAC
  {
    key: "RM01",
    case: "C07",
    panel: "MARAC",
    by: "sarah",
    at: [-41, "13:00"],
    grounds: ["VISIBLE_HIGH_RISK"],
    victim: "CA",
    perpetrator: "LF",
    children: 2,
    reason: "DASH 16. Ex-partner breaching bail and coming to the house at night; history of strangulation. Two children in the household.",
    triage: [{ outcome: "ACCEPTED", note: "Accepted: visible high risk. Listed for the next MARAC.", by: "rebecca", at: [-40, "09:00"] }],
  },
  {
    key: "RM02",
    case: "C08",
    panel: "MARAC",
    by: "claire",
    at: [-32, "15:30"],
    grounds: ["VISIBLE_HIGH_RISK"],
    victim: "AY",
    perpetrator: "JH",
    children: 3,
    reason: "DASH 14: escalating physical abuse, threats to kill and financial control. Three children in the household.",
    triage: [{ outcome: "ACCEPTED", note: "Accepted: visible high risk. Listed for the next MARAC.", by: "rebecca", at: [-31, "10:00"] }],
  },
  {
    key: "RM03",
    case: "C10",
    panel: "MARAC",
    by: "michael",
    at: [-15, "11:00"],
    grounds: ["POTENTIAL_ESCALATION", "PROFESSIONAL_JUDGEMENT"],
    victim: "EN",
    perpetrator: "RD",
    children: 0,
    transfer: { direction: "TRANSFER_IN", area: "Ashcombe" },
    reason:
      "Transfer in from Ashcombe MARAC: the victim (17) has moved to Kingsmere to stay with her aunt. Her ex-boyfriend (17) keeps contacting her on social media and has turned up at her college.",
    triage: [
      {
        outcome: "ACCEPTED",
        note: "Accepted as a transfer in; Ashcombe's actions to be reviewed at the next Kingsmere MARAC.",
        by: "rebecca",
        at: [-14, "09:30"],
      },
    ],
  },
  {
    key: "RM04",
    case: "C07",
    panel: "MARAC",
    by: "claire",
    at: [-11, "12:00"],
    grounds: ["REPEAT", "VISIBLE_HIGH_RISK"],
    isRepeat: true,
    victim: "CA",
    perpetrator: "LF",
    children: 2,
    reason:
      "Repeat: a further incident (threatening notes left on the victim's car) within 12 months of the last MARAC referral. Updated DASH 18.",
    triage: [{ outcome: "ACCEPTED", note: "Accepted as a repeat referral.", by: "rebecca", at: [-10, "09:00"] }],
  },
  {
    key: "RM05",
    case: "C09",
    panel: "MARAC",
    by: "nadia",
    at: [-3, "16:20"],
    grounds: ["PROFESSIONAL_JUDGEMENT"],
    victim: "RE",
    perpetrator: "AC",
    children: 0,
    reason:
      "DASH 11, below the visible high-risk threshold, but referred on professional judgement: his partner controls his medication, has threatened to out him at work, and he has disclosed suicidal thoughts.",
  },
];

type AgendaSeed = { case: string; referral?: string; reason: AgendaReason; summary?: string; decision?: string };

type MeetingSeed = {
  key: string;
  panel: Panel;
  starts: When;
  venue: string;
  chair: string;
  status: MeetingStatus;
  closed?: When;
  created: When;
  attendees: { org: string; names: string; present: boolean }[];
  agenda: AgendaSeed[];
};

export const MEETINGS: MeetingSeed[] = [
  {
    key: "MT01",
    panel: "CCM",
    starts: [-17, "10:00"],
    venue: "Kingsmere Civic Centre, Committee Room 2",
    chair: "helen",
    status: "CLOSED",
    closed: [-17, "12:35"],
    created: [-60, "09:00"],
    attendees: [
      { org: "KCSAT", names: "Helen Marsh (chair), Kwame Mensah, Laura Bennett", present: true },
      { org: "MPS", names: "PC Daniel Hughes, PCSO Aisha Begum", present: true },
      { org: "KH", names: "Fatima Hussain, Owen Price", present: true },
      { org: "LFB", names: "Sean Gallagher", present: true },
      { org: "PS", names: "Grace Adeyemi", present: true },
      { org: "KHC", names: "Nadia Ali", present: true },
      { org: "KWA", names: "Apologies sent", present: false },
    ],
    agenda: [
      {
        case: "C01",
        referral: "RF01",
        reason: "REFERRAL",
        summary:
          "Harassment has continued despite ABCs, a CPW and patrols: seven incidents in the last year with Mrs Ellison as the victim, including a bin fire. Callum Reid has breached his ABC twice. Mrs Ellison is frightened and thinking of moving; adult social care now provide a daily visit.",
        decision:
          "Pursue a civil injunction against Callum Reid; Family Support Service to work with the Reid family; targeted patrols to continue; adult social care to review Mrs Ellison's care plan including rehousing options. Review at the next CCM.",
      },
      {
        case: "C02",
        referral: "RF02",
        reason: "REFERRAL",
        summary:
          "Closure order in force until next month; no visitors to Flat 7 since it was made. Kyle Denton is subject to an injunction with an exclusion zone. Mr Pike wants to move away from the estate.",
        decision:
          "Kingsmere Homes to progress a management transfer to supported housing before the closure order ends; health to complete a Care Act assessment and arrange an appointee; police to seek a full CBO at sentencing.",
      },
      {
        case: "C06",
        reason: "REVIEW",
        summary:
          "Progress on the case review recommendations: HMO inspection done and the landlord served a notice; the CPW to the tenant complied with so far. The applicant reports fewer parties but has not had an update.",
        decision:
          "Recommendations on track. Written update to the applicant within a week; close the review at the next CCM if there are no further complaints.",
      },
    ],
  },
  {
    key: "MT02",
    panel: "MARAC",
    starts: [-24, "13:30"],
    venue: "Kingsmere Police Station, secure conference room",
    chair: "rebecca",
    status: "CLOSED",
    closed: [-24, "16:30"],
    created: [-55, "09:00"],
    attendees: [
      { org: "MPS", names: "DI Rebecca Chen (chair), DC Sarah Whitfield", present: true },
      { org: "KCSAT", names: "Yasmin Patel (MARAC coordinator)", present: true },
      { org: "KWA", names: "Claire Robinson (IDVA)", present: true },
      { org: "KH", names: "Fatima Hussain", present: true },
      { org: "KHC", names: "Nadia Ali", present: true },
      { org: "PS", names: "Grace Adeyemi", present: true },
      { org: "LFB", names: "Apologies sent", present: false },
    ],
    agenda: [
      {
        case: "C07",
        referral: "RM01",
        reason: "REFERRAL",
        summary:
          "DASH 16. Ex-partner (on licence) breaching bail and attending the address at night; history of strangulation. The victim is engaging with the IDVA. Two children (4 and 7) known to their school but not to children's social care.",
        decision:
          "Safety plan agreed: Sanctuary scheme target-hardening, non-molestation order, police address flag, information sharing with children's social care and the schools, probation to review licence conditions.",
      },
      {
        case: "C08",
        referral: "RM02",
        reason: "REFERRAL",
        summary:
          "DASH 14. Escalating physical abuse over three months, threats to kill and financial control. The victim wants to stay in her home. Three children.",
        decision:
          "IDVA safety plan with a refuge option; GP and health visitor informed; police to progress the assault investigation; housing to consider a management transfer.",
      },
    ],
  },
  {
    key: "MT03",
    panel: "MARAC",
    starts: [9, "13:30"],
    venue: "Kingsmere Police Station, secure conference room",
    chair: "rebecca",
    status: "SCHEDULED",
    created: [-20, "09:00"],
    attendees: [],
    agenda: [
      { case: "C07", referral: "RM04", reason: "REFERRAL" },
      { case: "C10", referral: "RM03", reason: "REFERRAL" },
    ],
  },
  {
    key: "MT04",
    panel: "CCM",
    starts: [13, "10:00"],
    venue: "Kingsmere Civic Centre, Committee Room 2",
    chair: "helen",
    status: "SCHEDULED",
    created: [-18, "09:00"],
    attendees: [],
    agenda: [
      { case: "C04", referral: "RF03", reason: "REFERRAL" },
      { case: "C01", reason: "REVIEW" },
      { case: "C02", reason: "REVIEW" },
    ],
  },
];

/** When each item of a closed meeting was discussed: 25 minutes per item from the start. */
export function discussedAt(meeting: MeetingSeed, position: number, clock: SeedContext["clock"]): Date {
  return addMinutes(clock.when(meeting.starts), 25 * position);
}

export function numberPanels(ctx: SeedContext): void {
  ctx.addReferences(
    numberReferences(
      "REF",
      REFERRALS.map((r) => ({ key: `referral:${r.key}`, at: ctx.clock.when(r.at) })),
    ),
  );
  ctx.addReferences(
    numberReferences(
      "MTG",
      MEETINGS.map((m) => ({ key: `meeting:${m.key}`, at: ctx.clock.when(m.created) })),
    ),
  );
}

export async function seedReferrals(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  for (const referral of REFERRALS) {
    const key = `referral:${referral.key}`;
    const reference = ctx.reference(key);
    const referrer = ctx.user(referral.by);
    const latest = referral.triage?.at(-1);
    const data = {
      reference,
      caseId: ctx.id(`case:${referral.case}`),
      panel: referral.panel,
      referringOrganisationId: referrer.organisationId,
      referringUserId: referrer.id,
      reason: referral.reason,
      grounds: referral.grounds ?? [],
      isRepeat: referral.isRepeat ?? false,
      victimPersonId: referral.victim ? ctx.id(`person:${referral.victim}`) : null,
      perpetratorPersonId: referral.perpetrator ? ctx.id(`person:${referral.perpetrator}`) : null,
      childrenInHousehold: referral.children ?? null,
      transferDirection: referral.transfer?.direction ?? "NONE",
      transferArea: referral.transfer?.area ?? null,
      status: latest?.outcome ?? "PENDING",
      triageNote: latest?.note ?? null,
      triagedById: latest ? ctx.user(latest.by).id : null,
      triagedAt: latest ? clock.when(latest.at) : null,
      referredAt: clock.when(referral.at),
    };
    const row = await tx.referral.upsert({ where: { reference }, create: { id: seedId(key), ...data }, update: data });
    ctx.remember(key, row.id);
    for (const [i, decision] of (referral.triage ?? []).entries()) {
      const id = seedId(`triage:${referral.key}:${i}`);
      const triageData = {
        referralId: row.id,
        outcome: decision.outcome,
        note: decision.note,
        decidedById: ctx.user(decision.by).id,
        decidedAt: clock.when(decision.at),
      };
      await tx.referralTriage.upsert({ where: { id }, create: { id, ...triageData }, update: triageData });
    }
  }
}

export async function seedMeetings(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  for (const meeting of MEETINGS) {
    const key = `meeting:${meeting.key}`;
    const reference = ctx.reference(key);
    const createdAt = clock.when(meeting.created);
    const closedAt = meeting.closed ? clock.when(meeting.closed) : null;
    const data = {
      reference,
      panel: meeting.panel,
      startsAt: clock.when(meeting.starts),
      venue: meeting.venue,
      chairId: ctx.user(meeting.chair).id,
      status: meeting.status,
      closedAt,
      updatedAt: closedAt ?? createdAt,
    };
    const row = await tx.meeting.upsert({ where: { reference }, create: { id: seedId(key), ...data, createdAt }, update: data });
    ctx.remember(key, row.id);
    for (const attendee of meeting.attendees) {
      const id = { meetingId: row.id, organisationId: ctx.id(`org:${attendee.org}`) };
      const attendeeData = { attendeeNames: attendee.names, present: attendee.present };
      await tx.meetingAttendee.upsert({
        where: { meetingId_organisationId: id },
        create: { ...id, ...attendeeData },
        update: attendeeData,
      });
    }
  }
}

/** Agenda items need the referrals and the meetings. */
export async function seedAgendas(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  for (const meeting of MEETINGS) {
    const meetingId = ctx.id(`meeting:${meeting.key}`);
    for (const [i, item] of meeting.agenda.entries()) {
      const position = i + 1;
      const caseId = ctx.id(`case:${item.case}`);
      const data = {
        referralId: item.referral ? ctx.id(`referral:${item.referral}`) : null,
        position,
        reason: item.reason,
        discussionSummary: item.summary ?? null,
        decision: item.decision ?? null,
        reviewedAt: meeting.status === "CLOSED" ? discussedAt(meeting, position, clock) : null,
      };
      await tx.agendaItem.upsert({
        where: { meetingId_caseId: { meetingId, caseId } },
        create: { id: seedId(`agenda:${meeting.key}:${item.case}`), meetingId, caseId, ...data },
        update: data,
      });
    }
  }
}
