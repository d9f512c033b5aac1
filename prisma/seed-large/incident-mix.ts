// What the large seed's incidents are: categories, types, report methods and risk levels in
// plausible proportions, and short descriptions written from templates.

import type { AsbCategory, AsbType, InvolvementRole, LocationKind, ReportMethod, RiskLevel } from "../../lib/generated/prisma/enums";
import { Rng, Weighted } from "./random";

export const CATEGORIES: readonly AsbCategory[] = ["PERSONAL", "NUISANCE", "ENVIRONMENTAL"];
export const TYPES: readonly AsbType[] = [
  "ROWDY_INCONSIDERATE",
  "NOISE",
  "STREET_DRINKING",
  "BEGGING",
  "DRUG_USE_DEALING",
  "VEHICLE_NUISANCE",
  "LITTERING_FLY_TIPPING",
  "CRIMINAL_DAMAGE_GRAFFITI",
  "INTIMIDATION_HARASSMENT",
  "HATE_MOTIVATED",
  "OTHER",
];
export const METHODS: readonly ReportMethod[] = ["PHONE", "ONLINE", "EMAIL", "IN_PERSON", "PATROL", "PARTNER_REFERRAL", "OTHER"];
export const RISKS: readonly RiskLevel[] = ["STANDARD", "MEDIUM", "HIGH"];
export const ROLES: readonly InvolvementRole[] = ["VICTIM", "PERPETRATOR", "WITNESS", "REPORTER", "OTHER"];

const idx = <T>(list: readonly T[], value: T) => list.indexOf(value);
const type = (t: AsbType) => idx(TYPES, t);

/** Nuisance about half of reports, personal a quarter, environmental the rest (as in police ASB data). */
export const CATEGORY_MIX = new Weighted<number>([
  [idx(CATEGORIES, "NUISANCE"), 55],
  [idx(CATEGORIES, "PERSONAL"), 26],
  [idx(CATEGORIES, "ENVIRONMENTAL"), 19],
]);

export const TYPE_MIX: Record<AsbCategory, Weighted<number>> = {
  NUISANCE: new Weighted([
    [type("ROWDY_INCONSIDERATE"), 30],
    [type("NOISE"), 24],
    [type("DRUG_USE_DEALING"), 13],
    [type("VEHICLE_NUISANCE"), 12],
    [type("STREET_DRINKING"), 8],
    [type("BEGGING"), 5],
    [type("CRIMINAL_DAMAGE_GRAFFITI"), 3],
    [type("OTHER"), 5],
  ]),
  PERSONAL: new Weighted([
    [type("INTIMIDATION_HARASSMENT"), 55],
    [type("ROWDY_INCONSIDERATE"), 10],
    [type("NOISE"), 10],
    [type("CRIMINAL_DAMAGE_GRAFFITI"), 10],
    [type("HATE_MOTIVATED"), 8],
    [type("OTHER"), 7],
  ]),
  ENVIRONMENTAL: new Weighted([
    [type("LITTERING_FLY_TIPPING"), 62],
    [type("CRIMINAL_DAMAGE_GRAFFITI"), 24],
    [type("VEHICLE_NUISANCE"), 6],
    [type("NOISE"), 4],
    [type("OTHER"), 4],
  ]),
};

const method = (m: ReportMethod) => idx(METHODS, m);

/** How each kind of organisation hears of ASB. */
export const METHOD_MIX: Record<string, Weighted<number>> = {
  POLICE: new Weighted([
    [method("PHONE"), 45],
    [method("PATROL"), 25],
    [method("ONLINE"), 18],
    [method("IN_PERSON"), 5],
    [method("EMAIL"), 2],
    [method("PARTNER_REFERRAL"), 4],
    [method("OTHER"), 1],
  ]),
  LOCAL_AUTHORITY: new Weighted([
    [method("ONLINE"), 35],
    [method("PHONE"), 30],
    [method("EMAIL"), 15],
    [method("PATROL"), 8],
    [method("PARTNER_REFERRAL"), 8],
    [method("IN_PERSON"), 3],
    [method("OTHER"), 1],
  ]),
  HOUSING_PROVIDER: new Weighted([
    [method("PHONE"), 40],
    [method("ONLINE"), 20],
    [method("EMAIL"), 15],
    [method("IN_PERSON"), 15],
    [method("PATROL"), 5],
    [method("PARTNER_REFERRAL"), 5],
  ]),
  DEFAULT: new Weighted([
    [method("PARTNER_REFERRAL"), 40],
    [method("PHONE"), 25],
    [method("EMAIL"), 15],
    [method("IN_PERSON"), 15],
    [method("ONLINE"), 3],
    [method("OTHER"), 2],
  ]),
};

/** Minutes from the incident to the report, by method. */
export function reportDelayMinutes(rng: Rng, reportMethod: ReportMethod): number {
  switch (reportMethod) {
    case "PATROL":
      return rng.chance(0.8) ? 0 : Math.round(rng.exponential(30));
    case "PHONE":
      return Math.round(rng.exponential(25));
    case "ONLINE":
      return Math.round(rng.exponential(8 * 60));
    case "EMAIL":
      return Math.round(rng.exponential(20 * 60));
    case "IN_PERSON":
      return Math.round(rng.exponential(24 * 60));
    case "PARTNER_REFERRAL":
      return Math.round(60 + rng.exponential(36 * 60));
    default:
      return Math.round(rng.exponential(6 * 60));
  }
}

/** Personal ASB (harassment, hate) is riskier than litter. */
export function riskFor(rng: Rng, category: AsbCategory, asbType: AsbType): number {
  const x = rng.next();
  if (asbType === "HATE_MOTIVATED") return x < 0.45 ? 0 : x < 0.8 ? 1 : 2;
  if (category === "PERSONAL") return x < 0.68 ? 0 : x < 0.92 ? 1 : 2;
  if (category === "ENVIRONMENTAL") return x < 0.95 ? 0 : x < 0.995 ? 1 : 2;
  return x < 0.84 ? 0 : x < 0.97 ? 1 : 2;
}

/** The kinds of place each type happens at (indices into the generator's pools by kind). */
export const PLACE_KIND_FOR_TYPE: Record<AsbType, Weighted<LocationKind>> = {
  ROWDY_INCONSIDERATE: new Weighted([
    ["PUBLIC_SPACE", 35],
    ["ESTATE", 20],
    ["RESIDENTIAL", 20],
    ["BUSINESS", 15],
    ["TRANSPORT", 10],
  ]),
  NOISE: new Weighted([
    ["RESIDENTIAL", 70],
    ["ESTATE", 15],
    ["BUSINESS", 15],
  ]),
  STREET_DRINKING: new Weighted([
    ["PUBLIC_SPACE", 55],
    ["BUSINESS", 25],
    ["TRANSPORT", 20],
  ]),
  BEGGING: new Weighted([
    ["TRANSPORT", 40],
    ["BUSINESS", 35],
    ["PUBLIC_SPACE", 25],
  ]),
  DRUG_USE_DEALING: new Weighted([
    ["ESTATE", 30],
    ["PUBLIC_SPACE", 30],
    ["RESIDENTIAL", 20],
    ["BUSINESS", 10],
    ["OTHER", 10],
  ]),
  VEHICLE_NUISANCE: new Weighted([
    ["RESIDENTIAL", 35],
    ["PUBLIC_SPACE", 25],
    ["BUSINESS", 20],
    ["OTHER", 20],
  ]),
  LITTERING_FLY_TIPPING: new Weighted([
    ["PUBLIC_SPACE", 35],
    ["ESTATE", 25],
    ["OTHER", 25],
    ["RESIDENTIAL", 15],
  ]),
  CRIMINAL_DAMAGE_GRAFFITI: new Weighted([
    ["PUBLIC_SPACE", 30],
    ["RESIDENTIAL", 25],
    ["ESTATE", 20],
    ["BUSINESS", 15],
    ["TRANSPORT", 10],
  ]),
  INTIMIDATION_HARASSMENT: new Weighted([
    ["RESIDENTIAL", 60],
    ["ESTATE", 25],
    ["PUBLIC_SPACE", 10],
    ["BUSINESS", 5],
  ]),
  HATE_MOTIVATED: new Weighted([
    ["RESIDENTIAL", 45],
    ["PUBLIC_SPACE", 20],
    ["BUSINESS", 15],
    ["TRANSPORT", 10],
    ["OTHER", 10],
  ]),
  OTHER: new Weighted([
    ["RESIDENTIAL", 30],
    ["PUBLIC_SPACE", 30],
    ["BUSINESS", 20],
    ["ESTATE", 10],
    ["OTHER", 10],
  ]),
};

/** Who is named in a report: 1–3 people, with roles. Indices into ROLES. */
const R = (r: InvolvementRole) => idx(ROLES, r);
export const INVOLVEMENT_PATTERNS = new Weighted<readonly number[]>([
  [[R("REPORTER")], 22],
  [[R("VICTIM")], 17],
  [[R("PERPETRATOR")], 14],
  [[R("WITNESS")], 2],
  [[R("VICTIM"), R("PERPETRATOR")], 15],
  [[R("REPORTER"), R("PERPETRATOR")], 7],
  [[R("VICTIM"), R("WITNESS")], 5],
  [[R("REPORTER"), R("WITNESS")], 3],
  [[R("VICTIM"), R("PERPETRATOR"), R("WITNESS")], 9],
  [[R("REPORTER"), R("VICTIM"), R("PERPETRATOR")], 4],
  [[R("VICTIM"), R("PERPETRATOR"), R("PERPETRATOR")], 2],
]);

// ───────────────────────────── Descriptions ─────────────────────────────

type Slots = { place: string; street: string; rng: Rng };
type Template = (s: Slots) => string;

const time = (rng: Rng) =>
  `${String(rng.pick([17, 18, 19, 20, 21, 22, 23, 0, 1, 2])).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}`;
const group = (rng: Rng) =>
  rng.pick([
    "a group of youths",
    "three teenagers",
    "a group of about ten young people",
    "two men",
    "a man and a woman",
    "several people",
    "a group of adults",
  ]);
const weeks = (rng: Rng) =>
  rng.pick(["for weeks", "for several months", "most weekends", "almost every night", "since the summer", "repeatedly this month"]);

const TEMPLATES: Record<AsbType, Template[]> = {
  ROWDY_INCONSIDERATE: [
    (s) =>
      `Caller reports ${group(s.rng)} shouting, swearing and kicking a ball against cars at ${s.place} until about ${time(s.rng)}. Left before officers arrived.`,
    (s) =>
      `Rowdy behaviour at ${s.place}: ${group(s.rng)} climbing on bins and banging on doors. Residents say this has happened ${weeks(s.rng)}.`,
    (s) => `Group gathering at ${s.place} most evenings, leaving litter and intimidating passers-by. Words of advice given; names taken.`,
    (s) => `Youths riding e-scooters on the pavement along ${s.street} and shouting at pedestrians near ${s.place}.`,
  ],
  NOISE: [
    (s) =>
      `Loud amplified music from ${s.place} until ${time(s.rng)}; the caller could not sleep and has young children. Noise diary sheets sent.`,
    (s) => `Repeated noise from a neighbour at ${s.place}: shouting, door slamming and music late at night ${weeks(s.rng)}.`,
    (s) =>
      `Party at ${s.place} with guests in the street after midnight. Out-of-hours noise team attended and witnessed a statutory nuisance.`,
    (s) => `Barking dog left alone all day at ${s.place}; neighbours along ${s.street} complaining ${weeks(s.rng)}.`,
  ],
  STREET_DRINKING: [
    (s) => `Street drinkers at ${s.place}: open cans, shouting at shoppers and urinating in a doorway. Alcohol surrendered under the PSPO.`,
    (s) => `Group drinking on the benches at ${s.place} from mid-morning; broken bottles left behind. Outreach team informed.`,
    (s) => `Shop staff at ${s.place} report drinkers congregating outside and abusing customers ${weeks(s.rng)}.`,
  ],
  BEGGING: [
    (s) => `Aggressive begging at ${s.place}: people followed and asked for money repeatedly. Man moved on and signposted to the hostel.`,
    (s) => `Begging outside ${s.place}; staff say the same man has been there ${weeks(s.rng)}. Welfare check done, support offered.`,
    (s) => `Passengers approached for money at ${s.place}; one woman felt intimidated. Description passed to the neighbourhood team.`,
  ],
  DRUG_USE_DEALING: [
    (s) =>
      `Suspected drug dealing at ${s.place}: cars and mopeds stopping for a few minutes at a time, ${weeks(s.rng)}. Intelligence submitted.`,
    (s) => `Strong smell of cannabis and used nitrous oxide canisters at ${s.place}; ${group(s.rng)} seen smoking there most evenings.`,
    (s) => `Needles and foil found at ${s.place}. Area cleared by the cleansing team; residents worried about children playing nearby.`,
    (s) => `Resident reports visitors at all hours to a flat at ${s.place}; believes it is being used to sell drugs (possible cuckooing).`,
  ],
  VEHICLE_NUISANCE: [
    (s) => `Car meet at ${s.place}: revving engines, wheel spins and loud exhausts until ${time(s.rng)}. Registrations noted.`,
    (s) => `Off-road motorbikes ridden at speed along ${s.street} and through ${s.place}; near miss with a pedestrian.`,
    (s) => `Untaxed van apparently abandoned at ${s.place} ${weeks(s.rng)}; used to store rubbish. Reported to the DVLA.`,
  ],
  LITTERING_FLY_TIPPING: [
    (s) => `Fly-tip at ${s.place}: mattresses, black sacks and builders' rubble. Evidence searched; removal booked.`,
    (s) => `Commercial waste dumped at ${s.place} overnight; paperwork found in the bags links it to a local business.`,
    (s) =>
      `Household waste left out beside ${s.place} ${weeks(s.rng)}, attracting foxes and rats. Warning letters to the flats on ${s.street}.`,
    (s) => `Fridge-freezer and sofa dumped at ${s.place}. CCTV requested to identify the vehicle.`,
  ],
  CRIMINAL_DAMAGE_GRAFFITI: [
    (s) => `Graffiti tags sprayed on walls and shutters at ${s.place}. Photographed and passed to the graffiti removal team.`,
    (s) => `Windows smashed and a door kicked at ${s.place}; the caller believes it was ${group(s.rng)} seen running towards ${s.street}.`,
    (s) => `Bin set alight at ${s.place} around ${time(s.rng)}; fire brigade attended. No injuries; fence scorched.`,
    (s) => `Cars scratched and wing mirrors broken along ${s.street}, near ${s.place}.`,
  ],
  INTIMIDATION_HARASSMENT: [
    (s) => `Resident at ${s.place} reports being verbally abused and threatened by a neighbour ${weeks(s.rng)}. Feels unsafe at home.`,
    (s) => `Victim harassed by ${group(s.rng)} outside ${s.place}: filmed, followed and called names. Has stopped going out after dark.`,
    (s) =>
      `Neighbour dispute at ${s.place} escalating: notes pushed through the door and threats made on the stairs. Both parties spoken to.`,
    (s) => `Elderly resident at ${s.place} targeted by youths knocking on the door and running away, eggs thrown at the window.`,
  ],
  HATE_MOTIVATED: [
    (s) =>
      `Racist abuse shouted at a family outside ${s.place}. Recorded as a hate incident; victim offered support by the hate crime advocate.`,
    (s) => `Homophobic graffiti sprayed on the door at ${s.place}. Removed within 24 hours; recorded as a hate incident.`,
    (s) => `Resident at ${s.place} abused because of her religion by a neighbour; third report ${weeks(s.rng)}.`,
    (s) => `Disabled man at ${s.place} mocked and threatened by ${group(s.rng)}. Hate incident recorded; safeguarding referral made.`,
  ],
  OTHER: [
    (s) => `Report of suspicious behaviour at ${s.place}: people trying car door handles along ${s.street}. Patrols increased.`,
    (s) => `Ongoing problem at ${s.place}; caller wants a joined-up response from the council and housing provider.`,
    (s) => `Trespass on the roof of ${s.place}; young people seen climbing scaffolding after dark.`,
  ],
};

export function describe(rng: Rng, asbType: AsbType, place: string, street: string): string {
  return rng.pick(TEMPLATES[asbType])({ place, street, rng });
}
