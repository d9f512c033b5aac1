import type { BreachAction, PowerStatus } from "../../lib/generated/prisma/enums";
import type { PowerKindCode } from "./reference-data";
import { addMinutes, numberReferences, seedId, type SeedContext, type When } from "./support";

// The tools and powers register: the town centre PSPO and about twenty-five powers used by the
// partners, with their lifecycle (status changes) and breaches.

export const PSPO = {
  key: "town-centre",
  name: "Kingsmere Town Centre Public Spaces Protection Order",
  area: "Kingsmere High Street between Peckwater Road and Station Approach, Market Square, the forecourt of Kingsmere Rye station and Fennel Park (as shown on the map in the schedule to the Order).",
  location: "L19",
  prohibitions:
    "1. Alcohol: a person in the restricted area must stop drinking alcohol and surrender any alcohol or open container of alcohol when required to do so by an authorised officer.\n" +
    "2. Dogs on leads: a person in charge of a dog on Kingsmere High Street or in Market Square must keep it on a lead no longer than 2 metres.\n" +
    "3. Dog exclusion: no dogs in the fenced children's play area in Fennel Park.\n" +
    "4. Dog fouling: a person in charge of a dog must remove its faeces immediately.",
  startsOn: -400,
  created: [-420, "10:00"] as When,
  org: "KCSAT",
};

type PowerSeed = {
  key: string;
  kind: PowerKindCode;
  person?: string;
  business?: string;
  location?: string;
  case?: string;
  pspo?: boolean;
  by: string;
  issued: When;
  expires?: When;
  conditions?: string;
  court?: string;
  hearing?: When;
  /** Status changes after issue, oldest first (issue itself is recorded automatically). */
  history?: { status: PowerStatus; at: When; by: string; note: string }[];
  breaches?: { at: When; action: BreachAction; notes: string; by: string }[];
};

const MAGISTRATES = "Kingsmere Magistrates' Court";
const COUNTY_COURT = "Kingsmere County Court";
const SHOP = "Kingsmere Convenience Ltd (trading as Kingsmere Late Shop)";

export const POWERS: PowerSeed[] = [
  // Larkhall Gardens (C01)
  {
    key: "PW01",
    kind: "ABC",
    person: "CR",
    location: "L05",
    case: "C01",
    by: "kwame",
    issued: [-158, "16:00"],
    expires: [25, "16:00"],
    conditions:
      "Not to gather outside, knock at, or throw anything at 14 Larkhall Gardens; not to abuse or film any resident of Larkhall Gardens; to attend the Youth Offending Service's ASB awareness sessions.",
    history: [{ status: "BREACHED", at: [-33, "18:40"], by: "kwame", note: "Sat on the victim's wall and blocked her path." }],
    breaches: [
      {
        at: [-33, "18:10"],
        action: "WARNING",
        notes: "Final warning given at a home visit with his mother; escalation to an injunction agreed at the CCM.",
        by: "kwame",
      },
      {
        at: [-9, "21:15"],
        action: "NONE",
        notes:
          "Banging on the victim's door and windows (doorbell footage). Evidence passed to legal services for the injunction application.",
        by: "daniel",
      },
    ],
  },
  {
    key: "PW02",
    kind: "ABC",
    person: "JM",
    location: "L05",
    case: "C01",
    by: "kwame",
    issued: [-158, "16:10"],
    expires: [25, "16:10"],
    conditions:
      "Not to gather outside, knock at, or throw anything at 14 Larkhall Gardens; not to abuse or film any resident of Larkhall Gardens.",
  },
  {
    key: "PW03",
    kind: "COMMUNITY_REMEDY",
    person: "JM",
    case: "C01",
    by: "daniel",
    issued: [-190, "17:00"],
    conditions:
      "Letter of apology to Mrs Ellison and two sessions of reparation (garden clearance) with the Kingsmere Youth Offending Service, chosen by the victim.",
    history: [
      { status: "COMPLIED", at: [-150, "12:00"], by: "daniel", note: "Apology letter delivered; both reparation sessions attended." },
    ],
  },
  {
    key: "PW04",
    kind: "CPW",
    person: "CR",
    location: "L05",
    case: "C01",
    by: "daniel",
    issued: [-30, "17:30"],
    conditions:
      "Stop gathering outside or approaching 14 Larkhall Gardens; stop knocking on or banging at its doors or windows. A Community Protection Notice may follow if you do not.",
  },

  // Harker House (C02)
  {
    key: "PW05",
    kind: "CLOSURE_NOTICE",
    location: "L07",
    case: "C02",
    by: "gareth",
    issued: [-82, "16:00"],
    expires: [-80, "16:00"],
    conditions:
      "Partial closure: no person may enter or remain in Flat 7 Harker House except the tenant, Mr D. Pike, his support workers, and staff of Kingsmere Homes and the Metropolitan Police. Extended to 48 hours by a superintendent.",
    history: [{ status: "EXPIRED", at: [-80, "12:30"], by: "gareth", note: "Superseded by the closure order." }],
  },
  {
    key: "PW06",
    kind: "CLOSURE_ORDER",
    location: "L07",
    case: "C02",
    by: "gareth",
    issued: [-80, "12:30"],
    expires: [10, "12:30"],
    court: MAGISTRATES,
    hearing: [-80, "10:00"],
    conditions:
      "Partial closure for three months: no person may enter or remain in Flat 7 Harker House except the tenant, Mr D. Pike, his support workers, and staff of Kingsmere Homes and the Metropolitan Police.",
  },
  {
    key: "PW07",
    kind: "CIVIL_INJUNCTION",
    person: "KD",
    location: "L01",
    case: "C02",
    by: "martin",
    issued: [-70, "12:00"],
    expires: [295, "23:59"],
    court: COUNTY_COURT,
    hearing: [-70, "10:00"],
    conditions:
      "1. Not to enter Harker House or any part of the Bellfield Estate (exclusion zone as shown on the map attached to the order).\n2. Not to contact Darren Pike directly or indirectly.\nA power of arrest is attached to both prohibitions.",
    history: [
      {
        status: "BREACHED",
        at: [-20, "18:00"],
        by: "daniel",
        note: "Found inside the exclusion zone; arrested under the power of arrest.",
      },
    ],
    breaches: [
      {
        at: [-20, "17:35"],
        action: "PROSECUTION",
        notes: "Arrested under the power of arrest and brought before the county court; committal application for contempt listed.",
        by: "daniel",
      },
    ],
  },
  {
    key: "PW08",
    kind: "INTERIM_CBO",
    person: "KD",
    case: "C02",
    by: "daniel",
    issued: [-25, "14:00"],
    expires: [20, "10:00"],
    court: MAGISTRATES,
    hearing: [20, "10:00"],
    conditions:
      "Until the full hearing: not to have more than one mobile phone; not to enter the Bellfield Estate; not to ride or be a passenger on a moped or e-bike in the London Borough of Kingsmere.",
  },

  // Cordwainer Court (C03)
  {
    key: "PW09",
    kind: "CPW",
    person: "RB",
    location: "L08",
    case: "C03",
    by: "owen",
    issued: [-120, "11:00"],
    conditions:
      "Stop playing amplified music, or allowing it to be played, at Flat 12 Cordwainer Court at a level audible outside the flat between 23:00 and 07:00.",
    history: [{ status: "BREACHED", at: [-117, "09:30"], by: "owen", note: "Loud music two days after the warning." }],
    breaches: [
      {
        at: [-118, "23:50"],
        action: "NONE",
        notes: "Further noise two days after the warning; a Community Protection Notice to follow.",
        by: "owen",
      },
    ],
  },
  {
    key: "PW10",
    kind: "CPN",
    person: "RB",
    location: "L08",
    case: "C03",
    by: "kwame",
    issued: [-90, "14:30"],
    conditions:
      "1. Do not play amplified music, or allow it to be played, at Flat 12 Cordwainer Court at a level audible outside the flat between 23:00 and 07:00.\n2. Do not hold or allow gatherings of more than six people in the flat after 23:00.",
    history: [
      { status: "BREACHED", at: [-41, "00:30"], by: "kwame", note: "Breach of condition 1 witnessed by the out-of-hours noise officer." },
    ],
    breaches: [
      { at: [-41, "00:20"], action: "FPN", notes: "£100 fixed penalty notice issued at the door.", by: "kwame" },
      {
        at: [-13, "01:40"],
        action: "PROSECUTION",
        notes: "Second breach; statements from two neighbours; file passed to legal services.",
        by: "kwame",
      },
    ],
  },
  {
    key: "PW11",
    kind: "CPN_FPN",
    person: "RB",
    location: "L08",
    case: "C03",
    by: "kwame",
    issued: [-41, "00:35"],
    conditions: "£100 fixed penalty for failing to comply with a Community Protection Notice (condition 1); 14 days to pay.",
    history: [{ status: "COMPLIED", at: [-30, "10:00"], by: "kwame", note: "Paid in full." }],
  },

  // Market Square (C04): PSPO enforcement
  {
    key: "PW12",
    kind: "CPW",
    person: "GW",
    location: "L20",
    case: "C04",
    by: "laura",
    issued: [-76, "12:40"],
    conditions:
      "Stop drinking alcohol or carrying open containers of alcohol in Market Square and on Kingsmere High Street; stop urinating in public places.",
  },
  {
    key: "PW13",
    kind: "PSPO_FPN",
    person: "SD2",
    location: "L20",
    case: "C04",
    pspo: true,
    by: "aisha",
    issued: [-51, "16:30"],
    conditions: "£100 fixed penalty: failed to surrender alcohol when required (prohibition 1 of the town centre PSPO).",
    history: [{ status: "COMPLIED", at: [-40, "12:00"], by: "laura", note: "Paid at the reduced rate of £60 within 10 days." }],
  },
  {
    key: "PW14",
    kind: "PSPO_FPN",
    person: "GW",
    location: "L20",
    case: "C04",
    pspo: true,
    by: "laura",
    issued: [-22, "14:15"],
    conditions: "£100 fixed penalty: failed to surrender alcohol when required (prohibition 1 of the town centre PSPO).",
  },

  // Kingsmere Late Shop (C05): a business subject
  {
    key: "PW15",
    kind: "WARNING_LETTER",
    business: SHOP,
    location: "L16",
    case: "C05",
    by: "laura",
    issued: [-150, "14:00"],
    conditions:
      "Formal warning: sales of alcohol to drunk persons and breach of licence condition 7 (no sale of beer or cider above 6.5% ABV).",
  },
  {
    key: "PW16",
    kind: "CLOSURE_NOTICE",
    business: SHOP,
    location: "L16",
    case: "C05",
    by: "gareth",
    issued: [-72, "18:00"],
    expires: [-70, "18:00"],
    conditions:
      "Closure of 118 Kingsmere High Street to all persons except the owner and the occupiers of the flats above (via their separate entrance).",
    history: [{ status: "EXPIRED", at: [-70, "12:00"], by: "gareth", note: "Superseded by the closure order." }],
  },
  {
    key: "PW17",
    kind: "CLOSURE_ORDER",
    business: SHOP,
    location: "L16",
    case: "C05",
    by: "gareth",
    issued: [-70, "12:00"],
    expires: [20, "12:00"],
    court: MAGISTRATES,
    hearing: [-70, "10:00"],
    conditions:
      "Closure of 118 Kingsmere High Street for three months to all persons except the owner (for maintenance, by arrangement with police) and the occupiers of the flats above.",
  },
  {
    key: "PW18",
    kind: "PREMISES_LICENCE_REVIEW",
    business: SHOP,
    location: "L16",
    case: "C05",
    by: "laura",
    issued: [-40, "10:00"],
    court: "Kingsmere Council Licensing Sub-Committee",
    hearing: [15, "10:00"],
    conditions:
      "Review on the prevention of crime and disorder and public nuisance licensing objectives; revocation of the premises licence sought.",
  },

  // Fennel Park (C11)
  {
    key: "PW19",
    kind: "DISPERSAL_DIRECTION",
    person: "JC",
    location: "L21",
    case: "C11",
    by: "daniel",
    issued: [-46, "21:00"],
    expires: [-44, "21:00"],
    conditions: "Leave Fennel Park and the dispersal zone (map in the authorisation) and do not return for 48 hours.",
    history: [{ status: "COMPLIED", at: [-44, "21:00"], by: "daniel", note: "Left and did not return during the direction." }],
  },
  {
    key: "PW20",
    kind: "DISPERSAL_DIRECTION",
    person: "EB",
    location: "L21",
    case: "C11",
    by: "daniel",
    issued: [-46, "21:05"],
    expires: [-44, "21:05"],
    conditions: "Leave Fennel Park and the dispersal zone (map in the authorisation) and do not return for 48 hours.",
    history: [{ status: "BREACHED", at: [-45, "20:45"], by: "aisha", note: "Returned within the dispersal period." }],
    breaches: [
      { at: [-45, "20:40"], action: "WARNING", notes: "Arrested for failing to comply; dealt with by a youth caution.", by: "aisha" },
    ],
  },
  {
    key: "PW21",
    kind: "WARNING_LETTER",
    person: "EB",
    location: "L04",
    case: "C11",
    by: "owen",
    issued: [-30, "11:00"],
    conditions:
      "Tenancy warning to the household: the behaviour of members of the household in Fennel Park breaches clause 5 (anti-social behaviour) of the tenancy agreement.",
  },

  // Ropemaker Way garages (C12): a CPN on a business, appealed and varied
  {
    key: "PW22",
    kind: "CPN",
    business: "Swift Clearances Ltd",
    location: "L28",
    case: "C12",
    by: "joseph",
    issued: [-216, "15:00"],
    court: MAGISTRATES,
    hearing: [-170, "10:00"],
    conditions:
      "1. Remove all waste deposited at the Ropemaker Way garages within 14 days.\n2. Keep waste transfer notes for every collection for 12 months and produce them on request.",
    history: [
      { status: "APPEALED", at: [-205, "09:00"], by: "joseph", note: "Appeal lodged at Kingsmere Magistrates' Court against condition 2." },
      {
        status: "VARIED",
        at: [-170, "13:00"],
        by: "joseph",
        note: "Court varied condition 2 to six months; the rest of the notice upheld.",
      },
      { status: "COMPLIED", at: [-100, "11:00"], by: "joseph", note: "Waste removed; transfer notes produced at two checks." },
    ],
  },

  // Quarry Lane (C06)
  {
    key: "PW23",
    kind: "CPW",
    person: "JT",
    location: "L13",
    case: "C06",
    by: "kwame",
    issued: [-85, "11:00"],
    conditions:
      "Stop playing amplified music, or allowing it to be played, at 10 Quarry Lane at a level audible in neighbouring homes between 23:00 and 07:00.",
    history: [{ status: "COMPLIED", at: [-30, "10:00"], by: "kwame", note: "No further complaints for eight weeks." }],
  },

  // Not on a case
  {
    key: "PW24",
    kind: "CBO",
    person: "SK",
    location: "L24",
    by: "aisha",
    issued: [-300, "13:00"],
    expires: [430, "23:59"],
    court: MAGISTRATES,
    hearing: [-300, "10:00"],
    conditions:
      "For two years: not to beg in any public place in the London Borough of Kingsmere; not to enter Kingsmere Rye station except to travel with a valid ticket.",
    history: [{ status: "BREACHED", at: [-90, "09:00"], by: "aisha", note: "Begging inside the station concourse." }],
    breaches: [{ at: [-90, "08:05"], action: "PROSECUTION", notes: "Charged with breach of the CBO; convicted and fined.", by: "aisha" }],
  },
  {
    key: "PW25",
    kind: "ABSOLUTE_POSSESSION_NOTICE",
    person: "WS",
    location: "L04",
    by: "martin",
    issued: [-15, "10:00"],
    conditions:
      "Notice of proceedings for possession on the absolute ground, condition 1 (conviction for a serious offence: assault on a neighbour in the locality). The tenant may ask for a review within 7 days.",
  },
];

export function numberPowers(ctx: SeedContext): void {
  ctx.addReferences(
    numberReferences(
      "PWR",
      POWERS.map((p) => ({ key: `power:${p.key}`, at: ctx.clock.when(p.issued) })),
    ),
  );
  ctx.addReferences(numberReferences("PSPO", [{ key: `pspo:${PSPO.key}`, at: ctx.clock.when(PSPO.created) }]));
}

export function statusOf(power: PowerSeed): PowerStatus {
  return power.history?.at(-1)?.status ?? "ISSUED";
}

export async function seedPspo(ctx: SeedContext): Promise<void> {
  const key = `pspo:${PSPO.key}`;
  const reference = ctx.reference(key);
  const createdAt = ctx.clock.when(PSPO.created);
  const data = {
    reference,
    name: PSPO.name,
    area: PSPO.area,
    locationId: ctx.id(`location:${PSPO.location}`),
    prohibitions: PSPO.prohibitions,
    startsOn: ctx.clock.day(PSPO.startsOn),
    // A PSPO lasts up to three years (s.60).
    endsOn: ctx.clock.day(PSPO.startsOn + 3 * 365),
    organisationId: ctx.id(`org:${PSPO.org}`),
    updatedAt: createdAt,
  };
  const row = await ctx.tx.pspo.upsert({ where: { reference }, create: { id: seedId(key), ...data, createdAt }, update: data });
  ctx.remember(key, row.id);
}

export async function seedPowers(ctx: SeedContext, kindIds: Map<string, string>): Promise<void> {
  const { tx, clock } = ctx;
  for (const power of POWERS) {
    const key = `power:${power.key}`;
    const reference = ctx.reference(key);
    const officer = ctx.user(power.by);
    const issuedAt = clock.when(power.issued);
    const lastChange = power.history?.at(-1);
    const statusChangedAt = lastChange ? clock.when(lastChange.at) : issuedAt;
    const kindId = kindIds.get(power.kind);
    if (!kindId) throw new Error(`Unknown power kind ${power.kind}`);
    const data = {
      reference,
      kindId,
      subjectPersonId: power.person ? ctx.id(`person:${power.person}`) : null,
      subjectBusinessName: power.business ?? null,
      locationId: power.location ? ctx.id(`location:${power.location}`) : null,
      caseId: power.case ? ctx.id(`case:${power.case}`) : null,
      pspoId: power.pspo ? ctx.id(`pspo:${PSPO.key}`) : null,
      issuingOrganisationId: officer.organisationId,
      issuingOfficerId: officer.id,
      issuedAt,
      expiresAt: power.expires ? clock.when(power.expires) : null,
      conditions: power.conditions ?? null,
      courtName: power.court ?? null,
      hearingAt: power.hearing ? clock.when(power.hearing) : null,
      status: statusOf(power),
      statusChangedAt,
      updatedAt: statusChangedAt,
    };
    const row = await tx.powerUse.upsert({ where: { reference }, create: { id: seedId(key), ...data, createdAt: issuedAt }, update: data });
    ctx.remember(key, row.id);

    const changes = [
      { fromStatus: null, toStatus: "ISSUED" as PowerStatus, changedAt: issuedAt, changedById: officer.id, note: "Issued" },
      ...(power.history ?? []).map((h, i, all) => ({
        fromStatus: i === 0 ? ("ISSUED" as PowerStatus) : all[i - 1]!.status,
        toStatus: h.status,
        changedAt: clock.when(h.at),
        changedById: ctx.user(h.by).id,
        note: h.note,
      })),
    ];
    for (const [i, change] of changes.entries()) {
      const id = seedId(`power-status:${power.key}:${i}`);
      const changeData = { powerId: row.id, ...change };
      await tx.powerStatusChange.upsert({ where: { id }, create: { id, ...changeData }, update: changeData });
    }
    for (const [i, breach] of (power.breaches ?? []).entries()) {
      const id = seedId(`power-breach:${power.key}:${i}`);
      const breachedAt = clock.when(breach.at);
      const breachData = {
        powerId: row.id,
        breachedAt,
        actionTaken: breach.action,
        notes: breach.notes,
        recordedById: ctx.user(breach.by).id,
        recordedAt: addMinutes(breachedAt, 30),
      };
      await tx.powerBreach.upsert({ where: { id }, create: { id, ...breachData }, update: breachData });
    }
  }
}
