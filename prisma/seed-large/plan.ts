// The large partnership, planned in memory before a row is written: places, people, cases and
// incidents (in typed arrays: a million of them), so that every record can be dated no later
// than its first use and numbered in time order, and ids are time-ordered uuids.

import type { ActionStatus, CaseKind, CaseStatus, ClosureReason, Gender, LocationKind, RiskLevel } from "../../lib/generated/prisma/enums";
import { DemoClock, searchText } from "../seed/support";
import {
  CATEGORIES,
  CATEGORY_MIX,
  INVOLVEMENT_PATTERNS,
  METHODS,
  METHOD_MIX,
  PLACE_KIND_FOR_TYPE,
  ROLES,
  TYPES,
  TYPE_MIX,
  reportDelayMinutes,
  riskFor,
} from "./incident-mix";
import { NameGenerator, type PersonName } from "./names";
import { COUNCIL, Partnership, type SeedUser } from "./partnership";
import { PlaceGenerator, type PlaceRow } from "./places";
import { Rng, Weighted } from "./random";

export type Scale = { incidents: number; people: number; places: number; cases: number; openActions: number };

const DAY = 86_400_000;
const YEARS = 5;
const NONE = -1;

// ───────────────────────────── Time ─────────────────────────────

const MONTH_FACTOR = [0.85, 0.85, 0.9, 0.95, 1.05, 1.15, 1.2, 1.2, 1.05, 1.0, 0.95, 0.88];
const WEEKDAY_FACTOR = [1.05, 0.92, 0.92, 0.95, 1.0, 1.15, 1.25]; // Sunday first
const HOUR_WEIGHTS = [4, 3, 2, 1.5, 1, 1, 1.5, 2.5, 3.5, 4, 4.5, 5, 5, 5, 5.5, 6.5, 7.5, 8.5, 9.5, 10, 10, 9.5, 8, 6];

/**
 * Incident times over the five years before the anchor day: a little more recent than old
 * (+50% from the first year to the last), more in summer and at weekends, mostly evenings.
 */
export class TimeSampler {
  readonly days: number;
  readonly dayStart: Float64Array;
  private readonly month: Uint8Array;
  private readonly weekday: Uint8Array;
  private readonly hour = new Weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  private readonly growth = 0.5;
  private readonly anchorStart: number;

  constructor(
    private readonly rng: Rng,
    clock: DemoClock,
  ) {
    this.days = YEARS * 365 + 1;
    this.anchorStart = clock.at(0, "00:00").getTime();
    this.dayStart = new Float64Array(this.days);
    this.month = new Uint8Array(this.days);
    this.weekday = new Uint8Array(this.days);
    for (let d = 0; d < this.days; d++) {
      const start = clock.at(d - this.days, "00:00").getTime();
      this.dayStart[d] = start;
      const noon = new Date(start + DAY / 2);
      this.month[d] = noon.getUTCMonth();
      this.weekday[d] = noon.getUTCDay();
    }
  }

  get startMs(): number {
    return this.dayStart[0]!;
  }

  /** The start of the anchor day: nothing is dated at or after it. */
  get endMs(): number {
    return this.anchorStart;
  }

  /** A day index, denser towards the present and in busy months and weekends. */
  day(minDay = 0): number {
    const g = this.growth;
    for (;;) {
      const u = this.rng.next();
      // Inverse CDF of the density 1 + g·x on [0, 1].
      const x = (-1 + Math.sqrt(1 + 2 * g * u * (1 + g / 2))) / g;
      const d = Math.min(this.days - 1, Math.floor(x * this.days));
      if (d < minDay) continue;
      const f = MONTH_FACTOR[this.month[d]!]! * WEEKDAY_FACTOR[this.weekday[d]!]!;
      if (this.rng.next() * 1.5 < f) return d;
    }
  }

  /** An instant on day `d`, at a London time of day drawn from the hourly pattern. */
  instant(d: number): number {
    const at = this.dayStart[d]! + (this.hour.pick(this.rng) * 60 + this.rng.int(0, 59)) * 60_000 + this.rng.int(0, 59) * 1000;
    // A 23-hour day (clocks going forward) must not spill past the anchor day's start.
    return Math.min(at, this.anchorStart - 60_000);
  }

  dayOf(ms: number): number {
    return Math.max(0, Math.min(this.days - 1, Math.floor((ms - this.startMs) / DAY)));
  }
}

// ───────────────────────────── Plan types ─────────────────────────────

export type PlannedCase = {
  createdAt: number;
  kind: CaseKind;
  categoryIdx: number;
  typeIdx: number;
  leadOrg: number;
  leadOfficer: SeedUser;
  createdBy: SeedUser;
  status: CaseStatus;
  closedAt: number | null;
  closureReason: ClosureReason | null;
  risk: RiskLevel;
  restricted: boolean;
  hub: number;
  victim: number;
  perpetrator: number;
  witness: number;
  shares: { org: number; at: number; by: SeedUser }[];
  title: string;
  summary: string;
  incidents: number[];
  id: string;
  reference: string;
  statusChangedAt: number | null;
};

export type PlannedAction = {
  caseIdx: number;
  title: string;
  org: number;
  user: SeedUser | null;
  createdBy: SeedUser;
  createdAt: number;
  dueDay: number;
  status: ActionStatus;
  completedAt: number | null;
  outcome: string | null;
  cancelReason: string | null;
  id: string;
};

const GENDERS: Weighted<Gender> = new Weighted<Gender>([
  ["FEMALE", 49],
  ["MALE", 48],
  ["NON_BINARY", 0.4],
  ["OTHER", 0.2],
  ["NOT_KNOWN", 2.4],
]);
const AGE_BANDS = new Weighted<readonly [number, number]>([
  [[10, 15], 6],
  [[16, 17], 5],
  [[18, 24], 15],
  [[25, 34], 20],
  [[35, 44], 18],
  [[45, 54], 14],
  [[55, 64], 10],
  [[65, 74], 7],
  [[75, 92], 5],
]);
const MARKER_KINDS = new Weighted([
  ["MENTAL_HEALTH", 30],
  ["SUBSTANCE_MISUSE", 20],
  ["PHYSICAL_DISABILITY", 15],
  ["LEARNING_DISABILITY", 10],
  ["AGE", 12],
  ["ISOLATION", 13],
] as const);
const MARKER_NOTES: Record<string, string[]> = {
  MENTAL_HEALTH: ["Under the community mental health team", "Reports anxiety and depression", "Recent crisis team contact"],
  SUBSTANCE_MISUSE: [
    "Alcohol dependent",
    "Crack cocaine and heroin; on a methadone script",
    "Cannabis use; engaging with the Recovery Hub",
  ],
  PHYSICAL_DISABILITY: ["Wheelchair user", "Limited mobility; uses a walking frame", "Registered blind"],
  LEARNING_DISABILITY: ["Supported by the community learning disability team", "Needs information in easy read"],
  AGE: ["Over 80 and lives alone", "A child: children's social care involved"],
  ISOLATION: ["No family contact", "Has stopped going out after dark"],
};
const CLOSURE_REASONS = new Weighted<ClosureReason>([
  ["RESOLVED", 45],
  ["NO_FURTHER_ACTION", 20],
  ["ENFORCEMENT_COMPLETE", 15],
  ["VICTIM_DISENGAGED", 8],
  ["TRANSFERRED_OUT", 3],
  ["DUPLICATE", 2],
  ["OTHER", 7],
]);
const CASE_KINDS = new Weighted<CaseKind>([
  ["ASB", 74],
  ["CCM", 24],
  ["MARAC", 2],
]);

const CASE_TITLES: Record<string, (place: string) => string> = {
  ROWDY_INCONSIDERATE: (p) => `Rowdy and inconsiderate behaviour at ${p}`,
  NOISE: (p) => `Noise nuisance from ${p}`,
  STREET_DRINKING: (p) => `Street drinking at ${p}`,
  BEGGING: (p) => `Begging at ${p}`,
  DRUG_USE_DEALING: (p) => `Drug dealing at ${p}`,
  VEHICLE_NUISANCE: (p) => `Vehicle nuisance at ${p}`,
  LITTERING_FLY_TIPPING: (p) => `Fly-tipping at ${p}`,
  CRIMINAL_DAMAGE_GRAFFITI: (p) => `Criminal damage and graffiti at ${p}`,
  INTIMIDATION_HARASSMENT: (p) => `Harassment of a resident, ${p}`,
  HATE_MOTIVATED: (p) => `Hate incidents at ${p}`,
  OTHER: (p) => `Anti-social behaviour at ${p}`,
};

const ACTION_TITLES = [
  "Visit the victim and complete an ASB risk assessment",
  "Send a warning letter to the alleged perpetrator",
  "Serve a Community Protection Warning",
  "Review the CCTV footage",
  "Offer mediation to both households",
  "Target-hardening visit (locks, video doorbell)",
  "Refer the victim to Victim Support",
  "Check the tenancy conditions and consider enforcement",
  "Joint patrol with the Safer Neighbourhood Team",
  "Update the complainant on progress",
  "Prepare the evidence for a civil injunction application",
  "Arrange a clean-up of the site",
  "Out-of-hours noise monitoring visit",
  "Safeguarding adults referral",
  "Consider a closure notice",
  "Home fire safety visit",
  "Housing options assessment",
  "Acceptable Behaviour Contract meeting with the young person and parents",
  "Send noise diary sheets to the complainant",
  "Referral to the youth offending service",
];
const ACTION_OUTCOMES = [
  "Done as agreed.",
  "Completed; no further concerns raised.",
  "Visit made and advice given.",
  "Letter sent; no reply yet.",
  "Completed; see the case notes.",
];

// ───────────────────────────── The plan ─────────────────────────────

export class LargePlan {
  readonly time: TimeSampler;
  // Places
  readonly places: PlaceRow[] = [];
  readonly placeUprn: (string | null)[] = [];
  placeCreatedAt!: Float64Array;
  placeOrg!: Uint8Array;
  readonly placeIds: string[] = [];
  private readonly placePools = new Map<LocationKind, number[]>();
  // People
  readonly names: PersonName[] = [];
  personGender!: Uint8Array;
  personDob!: Float64Array;
  personAddress!: Int32Array;
  personCreatedAt!: Float64Array;
  personOrg!: Uint8Array;
  readonly personIds: string[] = [];
  personPhone: (string | null)[] = [];
  personEmail: (string | null)[] = [];
  personEquality!: Uint8Array; // 0 = not recorded; else bit 1 set, bit 2 lgbt, bit 4 disability
  readonly markers: { person: number; kind: string; note: string; by: SeedUser; at: number }[] = [];
  // Cases and actions
  readonly cases: PlannedCase[] = [];
  readonly actions: PlannedAction[] = [];
  // Incidents (column arrays; index = planning order, `order` = write order by occurredAt)
  readonly n: number;
  occurredAt!: Float64Array;
  reportedAt!: Float64Array;
  org!: Uint8Array;
  officer!: Uint16Array;
  category!: Uint8Array;
  type!: Uint8Array;
  method!: Uint8Array;
  risk!: Uint8Array;
  location!: Int32Array;
  caseOf!: Int32Array;
  people!: Int32Array; // 3 per incident, NONE when fewer
  roles!: Uint8Array; // 3 per incident
  order!: Uint32Array;
  refYear!: Uint16Array;
  refNumber!: Int32Array;
  incidentIds!: string[];
  readonly placeGen: PlaceGenerator;

  private readonly firstUsePerson: Float64Array;
  private readonly firstUsePersonOrg: Uint8Array;
  private readonly firstUsePlace: Float64Array;
  private readonly firstUsePlaceOrg: Uint8Array;

  constructor(
    readonly seed: string,
    readonly scale: Scale,
    readonly clock: DemoClock,
    readonly partnership: Partnership,
  ) {
    this.time = new TimeSampler(new Rng(`${seed}:time`), clock);
    this.placeGen = new PlaceGenerator(new Rng(`${seed}:streets`), Math.max(60, Math.round(scale.places / 40)));
    this.n = scale.incidents;
    this.firstUsePerson = new Float64Array(scale.people).fill(Infinity);
    this.firstUsePersonOrg = new Uint8Array(scale.people);
    this.firstUsePlace = new Float64Array(scale.places).fill(Infinity);
    this.firstUsePlaceOrg = new Uint8Array(scale.places);
  }

  get startMs(): number {
    return this.time.startMs;
  }

  get endMs(): number {
    return this.time.endMs;
  }

  build(log: (line: string) => void): void {
    let t = performance.now();
    const step = (what: string) => {
      const now = performance.now();
      log(`  planned ${what} in ${((now - t) / 1000).toFixed(1)}s`);
      t = now;
    };
    this.planPlaces();
    step(`${this.places.length.toLocaleString("en-GB")} places`);
    this.planPeople();
    step(`${this.names.length.toLocaleString("en-GB")} people`);
    this.planCases();
    step(`${this.cases.length.toLocaleString("en-GB")} cases`);
    this.planIncidents();
    step(`${this.n.toLocaleString("en-GB")} incidents`);
    this.datePeopleAndPlaces();
    this.planActions();
    step(`${this.actions.length.toLocaleString("en-GB")} actions, dates and ids`);
  }

  // ── Places ──

  private planPlaces(): void {
    const rng = new Rng(`${this.seed}:places`);
    let uprn = 0;
    for (let i = 0; i < this.scale.places; i++) {
      const place = this.placeGen.make();
      this.places.push(place);
      // Most homes have a UPRN; our fictional ones start with 10 (the demo's start with 99).
      this.placeUprn.push(place.kind === "RESIDENTIAL" && rng.chance(0.6) ? String(100_000_000_000 + ++uprn) : null);
      let pool = this.placePools.get(place.kind);
      if (!pool) this.placePools.set(place.kind, (pool = []));
      pool.push(i);
    }
  }

  /** A place of one of the kinds, hotspots (the first of each pool) much more often. */
  private placeFor(rng: Rng, kinds: Weighted<LocationKind>): number {
    for (let attempt = 0; attempt < 5; attempt++) {
      const pool = this.placePools.get(kinds.pick(rng));
      if (pool?.length) return pool[rng.skewed(pool.length, 2.2)]!;
    }
    return rng.int(0, this.places.length - 1);
  }

  // ── People ──

  private planPeople(): void {
    const rng = new Rng(`${this.seed}:people`);
    const names = new NameGenerator();
    const count = this.scale.people;
    this.personGender = new Uint8Array(count);
    this.personDob = new Float64Array(count).fill(NaN);
    this.personAddress = new Int32Array(count).fill(NONE);
    this.personEquality = new Uint8Array(count);
    const residential = this.placePools.get("RESIDENTIAL") ?? [];
    const anchor = this.clock.day(0);
    for (let i = 0; i < count; i++) {
      const g = GENDERS.index(rng);
      const gender = GENDERS.values[g]!;
      this.personGender[i] = g;
      const name = names.make(rng, gender === "FEMALE" || gender === "MALE" ? gender : "OTHER");
      this.names.push(name);
      if (rng.chance(0.8)) {
        const [lo, hi] = AGE_BANDS.pick(rng);
        const age = rng.int(lo, hi);
        this.personDob[i] = Date.UTC(anchor.getUTCFullYear() - age, anchor.getUTCMonth(), anchor.getUTCDate() - rng.int(0, 364));
      }
      if (residential.length && rng.chance(0.5)) this.personAddress[i] = residential[rng.int(0, residential.length - 1)]!;
      const phoneRoll = rng.next();
      this.personPhone.push(
        phoneRoll < 0.3
          ? `07700 900${String(rng.int(0, 999)).padStart(3, "0")}`
          : phoneRoll < 0.38
            ? `020 7946 0${String(rng.int(0, 999)).padStart(3, "0")}`
            : null,
      );
      this.personEmail.push(
        rng.chance(0.08) ? `${name.first}.${name.last}${rng.int(1, 99)}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, "") : null,
      );
      if (rng.chance(0.2)) this.personEquality[i] = 1 | (rng.chance(0.05) ? 2 : 0) | (rng.chance(0.15) ? 4 : 0);
    }
  }

  /** Someone to name in a role: perpetrators and victims repeat (prolific offenders, repeat victims). */
  private personFor(rng: Rng, role: string): number {
    const n = this.scale.people;
    if (role === "PERPETRATOR" && rng.chance(0.7)) return rng.skewed(Math.max(1, Math.floor(n * 0.2)), 2.5);
    if (role === "VICTIM" && rng.chance(0.35)) return n - 1 - rng.skewed(n, 2);
    return rng.int(0, n - 1);
  }

  private usePerson(person: number, at: number, org: number): void {
    if (at < this.firstUsePerson[person]!) {
      this.firstUsePerson[person] = at;
      this.firstUsePersonOrg[person] = org;
    }
  }

  private usePlace(place: number, at: number, org: number): void {
    if (at < this.firstUsePlace[place]!) {
      this.firstUsePlace[place] = at;
      this.firstUsePlaceOrg[place] = org;
    }
  }

  // ── Cases ──

  private planCases(): void {
    const rng = new Rng(`${this.seed}:cases`);
    const p = this.partnership;
    const end = this.endMs;
    const orgCount = p.organisations.length;
    const councilIdx = p.orgIndex(COUNCIL);
    for (let c = 0; c < this.scale.cases; c++) {
      const kind = CASE_KINDS.pick(rng);
      const createdAt = this.time.instant(this.time.day(30));
      const ageDays = (end - createdAt) / DAY;
      const category = kind === "MARAC" ? "PERSONAL" : CATEGORIES[CATEGORY_MIX.pick(rng)]!;
      const typeIdx = kind === "MARAC" ? TYPES.indexOf("INTIMIDATION_HARASSMENT") : TYPE_MIX[category].pick(rng);
      const leadOrg = kind === "MARAC" && rng.chance(0.5) ? p.orgIndex(rng.pick(["MPS", "KWA"])) : p.caseLeadOrg.pick(rng);
      const leadOfficer = p.worker(rng, leadOrg);
      const createdBy = rng.chance(0.85) ? leadOfficer : p.worker(rng, leadOrg);
      // Older cases are mostly closed; new ones open.
      const r = rng.next();
      let status: CaseStatus;
      if (ageDays > 365) status = r < 0.9 ? "CLOSED" : r < 0.96 ? "MONITORING" : "OPEN";
      else if (ageDays > 90) status = r < 0.5 ? "CLOSED" : r < 0.78 ? "OPEN" : r < 0.94 ? "MONITORING" : "UNDER_REVIEW";
      else status = r < 0.05 ? "CLOSED" : r < 0.85 ? "OPEN" : r < 0.95 ? "UNDER_REVIEW" : "MONITORING";
      const closedAt =
        status === "CLOSED" ? Math.min(end - 3_600_000, createdAt + rng.int(14, Math.max(15, Math.min(ageDays, 400))) * DAY) : null;
      const statusChangedAt =
        status === "MONITORING" || status === "UNDER_REVIEW"
          ? Math.min(end - 3_600_000, createdAt + rng.int(7, Math.max(8, Math.min(ageDays, 200))) * DAY)
          : null;
      const risk: RiskLevel =
        kind === "MARAC"
          ? "HIGH"
          : kind === "CCM"
            ? rng.chance(0.5)
              ? "HIGH"
              : "MEDIUM"
            : rng.pick(["STANDARD", "STANDARD", "MEDIUM", "MEDIUM", "HIGH"] as const);
      const hub = this.placeFor(rng, PLACE_KIND_FOR_TYPE[TYPES[typeIdx]!]);
      const victim = this.personFor(rng, "VICTIM");
      let perpetrator = this.personFor(rng, "PERPETRATOR");
      if (perpetrator === victim) perpetrator = NONE;
      const witness = rng.chance(0.25) ? rng.int(0, this.scale.people - 1) : NONE;
      // ~10% of ASB/CCM cases are shared with other agencies; MARAC cases with the panel's agencies.
      const shares: PlannedCase["shares"] = [];
      const shareCount = kind === "MARAC" ? rng.int(3, 5) : rng.chance(kind === "CCM" ? 0.25 : 0.06) ? rng.int(1, 3) : 0;
      const taken = new Set([leadOrg]);
      for (let s = 0; s < shareCount && taken.size < orgCount; s++) {
        let org = kind !== "MARAC" && rng.chance(0.35) ? councilIdx : p.incidentOrg.pick(rng);
        if (taken.has(org)) org = p.incidentOrg.pick(rng);
        if (taken.has(org) || !p.organisations[org]!.workers.length) continue;
        taken.add(org);
        shares.push({ org, at: Math.min(end - 60_000, createdAt + rng.int(0, 20) * DAY + rng.int(5, 600) * 60_000), by: leadOfficer });
      }
      const place = this.places[hub]!.line1;
      const title =
        kind === "MARAC"
          ? `Domestic abuse: ${this.names[victim]!.first} ${this.names[victim]!.last}`
          : CASE_TITLES[TYPES[typeIdx]!]!(place);
      const summary =
        kind === "MARAC"
          ? "High-risk domestic abuse referred to the MARAC. Safety planning with the IDVA; partners to share information and act on the agreed actions."
          : kind === "CCM"
            ? `Persistent ${TYPES[typeIdx]!.toLowerCase().replaceAll("_", " ")} at ${place} affecting a vulnerable resident; referred to the CCM for a coordinated plan.`
            : `Reports of ${TYPES[typeIdx]!.toLowerCase().replaceAll("_", " ")} at ${place}. Evidence being gathered; early intervention first, enforcement if it continues.`;
      this.usePlace(hub, createdAt, leadOrg);
      this.usePerson(victim, createdAt, leadOrg);
      if (perpetrator !== NONE) this.usePerson(perpetrator, createdAt, leadOrg);
      if (witness !== NONE) this.usePerson(witness, createdAt, leadOrg);
      this.cases.push({
        createdAt,
        kind,
        categoryIdx: CATEGORIES.indexOf(category),
        typeIdx,
        leadOrg,
        leadOfficer,
        createdBy,
        status,
        closedAt,
        statusChangedAt,
        closureReason: status === "CLOSED" ? CLOSURE_REASONS.pick(rng) : null,
        risk,
        restricted: kind === "MARAC",
        hub,
        victim,
        perpetrator,
        witness,
        shares,
        title,
        summary,
        incidents: [],
        id: "",
        reference: "",
      });
    }
    // References and ids in the order the cases were opened.
    this.cases.sort((a, b) => a.createdAt - b.createdAt);
    const ids = new Rng(`${this.seed}:case-ids`);
    for (const c of this.cases) c.id = ids.uuid7(c.createdAt);
  }

  // ── Incidents ──

  private planIncidents(): void {
    const rng = new Rng(`${this.seed}:incidents`);
    const p = this.partnership;
    const n = this.n;
    this.occurredAt = new Float64Array(n);
    this.reportedAt = new Float64Array(n);
    this.org = new Uint8Array(n);
    this.officer = new Uint16Array(n);
    this.category = new Uint8Array(n);
    this.type = new Uint8Array(n);
    this.method = new Uint8Array(n);
    this.risk = new Uint8Array(n);
    this.location = new Int32Array(n).fill(NONE);
    this.caseOf = new Int32Array(n).fill(NONE);
    this.people = new Int32Array(n * 3).fill(NONE);
    this.roles = new Uint8Array(n * 3);
    const end = this.endMs;
    const userIndex = new Map(p.users.map((u, i) => [u.id, i]));

    let i = 0;
    // Incidents behind each case: around the time it was opened, at its place, naming its people.
    for (let c = 0; c < this.cases.length && i < n; c++) {
      const kase = this.cases[c]!;
      const k = 1 + rng.skewed(10, 2.2);
      const until = Math.min(kase.closedAt ?? end, end) - 60_000;
      for (let j = 0; j < k && i < n; j++, i++) {
        const before = j === 0 || rng.chance(0.65);
        const from = before ? Math.max(this.startMs, kase.createdAt - 120 * DAY) : kase.createdAt;
        const to = before ? kase.createdAt : Math.max(kase.createdAt, until);
        const occurred = this.time.instant(this.time.dayOf(from + rng.next() * (to - from)));
        const orgIdx = kase.shares.length && rng.chance(0.3) ? rng.pick(kase.shares).org : kase.leadOrg;
        let categoryIdx = kase.categoryIdx;
        let typeIdx = kase.typeIdx;
        if (rng.chance(0.2)) {
          categoryIdx = CATEGORY_MIX.pick(rng);
          typeIdx = TYPE_MIX[CATEGORIES[categoryIdx]!].pick(rng);
        }
        this.fill(rng, i, occurred, orgIdx, categoryIdx, typeIdx, userIndex);
        this.location[i] = rng.chance(0.9) ? kase.hub : this.placeFor(rng, PLACE_KIND_FOR_TYPE[TYPES[typeIdx]!]);
        this.caseOf[i] = c;
        kase.incidents.push(i);
        // The case's victim and perpetrator, and sometimes the witness.
        const named: [number, number][] = [[kase.victim, ROLES.indexOf("VICTIM")]];
        if (rng.chance(0.3)) named.push([kase.victim, ROLES.indexOf("REPORTER")]);
        if (kase.perpetrator !== NONE && rng.chance(0.75)) named.push([kase.perpetrator, ROLES.indexOf("PERPETRATOR")]);
        if (kase.witness !== NONE && named.length < 3 && rng.chance(0.4)) named.push([kase.witness, ROLES.indexOf("WITNESS")]);
        named.slice(0, 3).forEach(([person, role], slot) => {
          this.people[i * 3 + slot] = person;
          this.roles[i * 3 + slot] = role;
        });
      }
    }
    // The everyday background.
    for (; i < n; i++) {
      const occurred = this.time.instant(this.time.day());
      const orgIdx = p.incidentOrg.pick(rng);
      const categoryIdx = CATEGORY_MIX.pick(rng);
      const typeIdx = TYPE_MIX[CATEGORIES[categoryIdx]!].pick(rng);
      this.fill(rng, i, occurred, orgIdx, categoryIdx, typeIdx, userIndex);
      if (rng.chance(0.9)) this.location[i] = this.placeFor(rng, PLACE_KIND_FOR_TYPE[TYPES[typeIdx]!]);
      const pattern = INVOLVEMENT_PATTERNS.pick(rng);
      for (let slot = 0; slot < pattern.length; slot++) {
        const role = pattern[slot]!;
        let person = this.personFor(rng, ROLES[role]!);
        for (let tries = 0; tries < 5 && this.namedAlready(i, slot, person); tries++) person = rng.int(0, this.scale.people - 1);
        if (this.namedAlready(i, slot, person)) continue;
        this.people[i * 3 + slot] = person;
        this.roles[i * 3 + slot] = role;
      }
    }
    // First use of each person and place, by the record that named them.
    for (let k = 0; k < n; k++) {
      const at = this.reportedAt[k]!;
      const orgIdx = this.org[k]!;
      const loc = this.location[k]!;
      if (loc !== NONE) this.usePlace(loc, at, orgIdx);
      for (let slot = 0; slot < 3; slot++) {
        const person = this.people[k * 3 + slot]!;
        if (person !== NONE) this.usePerson(person, at, orgIdx);
      }
    }
    this.numberIncidents();
  }

  private namedAlready(i: number, slot: number, person: number): boolean {
    for (let s = 0; s < slot; s++) if (this.people[i * 3 + s] === person) return true;
    return false;
  }

  private fill(
    rng: Rng,
    i: number,
    occurred: number,
    orgIdx: number,
    categoryIdx: number,
    typeIdx: number,
    userIndex: Map<string, number>,
  ): void {
    const org = this.partnership.organisations[orgIdx]!;
    const methodIdx = (METHOD_MIX[org.kind] ?? METHOD_MIX.DEFAULT!).pick(rng);
    this.occurredAt[i] = occurred;
    let reported = occurred + reportDelayMinutes(rng, METHODS[methodIdx]!) * 60_000 + rng.int(0, 59) * 1000;
    // Nothing is reported after the anchor day starts: a late report of a recent incident comes sooner.
    if (reported >= this.endMs) reported = occurred + Math.floor(rng.next() * (this.endMs - occurred));
    this.reportedAt[i] = reported;
    this.org[i] = orgIdx;
    this.officer[i] = userIndex.get(this.partnership.worker(rng, orgIdx).id)!;
    this.category[i] = categoryIdx;
    this.type[i] = typeIdx;
    this.method[i] = methodIdx;
    this.risk[i] = riskFor(rng, CATEGORIES[categoryIdx]!, TYPES[typeIdx]!);
  }

  /**
   * Write order (by occurredAt) and references. The app numbers a record when it is made
   * (lib/references.ts: gap-free in creation order) with the London year of the event it records,
   * so here: INC-<London year of occurredAt>-<6 digits> in reportedAt (= createdAt) order. (The
   * demo seed keeps the numbers it has always given, by report time: references never change.) Numbers are relative (1, 2...); the loader adds each year's
   * counter. London's new year is at midnight GMT, so the UTC year is the London year.
   */
  private numberIncidents(): void {
    const n = this.n;
    const occ = this.occurredAt;
    const rep = this.reportedAt;
    this.order = LargePlan.byTime(occ);
    const byReport = LargePlan.byTime(rep);
    this.refYear = new Uint16Array(n);
    this.refNumber = new Int32Array(n);
    const last = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      const i = byReport[k]!;
      const y = new Date(occ[i]!).getUTCFullYear();
      const number = (last.get(y) ?? 0) + 1;
      last.set(y, number);
      this.refYear[i] = y;
      this.refNumber[i] = number;
    }
    // Time-ordered ids from the time each record was made (reportedAt).
    const ids = new Rng(`${this.seed}:incident-ids`);
    this.incidentIds = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      const i = byReport[k]!;
      this.incidentIds[i] = ids.uuid7(rep[i]!);
    }
  }

  /** Incidents per year, for the reference counters. */
  incidentsPerYear(): Map<number, number> {
    const out = new Map<number, number>();
    for (let i = 0; i < this.n; i++) out.set(this.refYear[i]!, Math.max(out.get(this.refYear[i]!) ?? 0, this.refNumber[i]!));
    return out;
  }

  // ── Dates and ids of people and places ──

  private datePeopleAndPlaces(): void {
    const rng = new Rng(`${this.seed}:created`);
    const start = this.startMs;
    const span = this.endMs - start;
    const p = this.partnership;
    // People: made no later than the first record that names them.
    const people = this.scale.people;
    this.personCreatedAt = new Float64Array(people);
    this.personOrg = new Uint8Array(people);
    for (let i = 0; i < people; i++) {
      const first = this.firstUsePerson[i]!;
      const random = start - 180 * DAY + rng.next() * (span + 180 * DAY);
      const at = Math.min(first, random);
      this.personCreatedAt[i] = Math.floor(at);
      this.personOrg[i] = first === Infinity ? p.incidentOrg.pick(rng) : this.firstUsePersonOrg[i]!;
      const address = this.personAddress[i]!;
      if (address !== NONE) this.usePlace(address, at, this.personOrg[i]!);
    }
    const places = this.scale.places;
    this.placeCreatedAt = new Float64Array(places);
    this.placeOrg = new Uint8Array(places);
    for (let i = 0; i < places; i++) {
      const first = this.firstUsePlace[i]!;
      const random = start - 365 * DAY + rng.next() * (span + 365 * DAY);
      this.placeCreatedAt[i] = Math.floor(Math.min(first, random));
      this.placeOrg[i] = first === Infinity ? p.incidentOrg.pick(rng) : this.firstUsePlaceOrg[i]!;
    }
    const ids = new Rng(`${this.seed}:ids`);
    for (let i = 0; i < places; i++) this.placeIds.push(ids.uuid7(this.placeCreatedAt[i]!));
    for (let i = 0; i < people; i++) this.personIds.push(ids.uuid7(this.personCreatedAt[i]!));
    // A few people carry vulnerability markers.
    for (let i = 0; i < people; i++) {
      if (!rng.chance(0.02)) continue;
      const kind = MARKER_KINDS.pick(rng);
      const by = p.users[rng.int(0, p.users.length - 1)]!;
      const at = Math.min(this.endMs - 60_000, this.personCreatedAt[i]! + rng.int(0, 60) * DAY);
      this.markers.push({ person: i, kind, note: rng.pick(MARKER_NOTES[kind]!), by, at });
    }
  }

  /** Write order for a table: indices sorted by creation time (so the uuid v7 primary keys grow). */
  static byTime(times: Float64Array): Uint32Array {
    const order = new Uint32Array(times.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => times[a]! - times[b]! || a - b);
  }

  // ── Actions ──

  private planActions(): void {
    const rng = new Rng(`${this.seed}:actions`);
    const p = this.partnership;
    const end = this.endMs;
    const council = p.orgIndex(COUNCIL);
    const active = (c: PlannedCase) => c.status !== "CLOSED";
    const visibleToCouncil = (c: PlannedCase) => !c.restricted && (c.leadOrg === council || c.shares.some((s) => s.org === council));
    const dueAfter = (created: number) => londonDayMs(created) + rng.int(7, 90) * DAY;

    // The dashboard benchmark: the council team holds `openActions` open actions on cases it can see.
    const councilCases = this.cases.map((c, i) => [c, i] as const).filter(([c]) => active(c) && visibleToCouncil(c));
    if (councilCases.length) {
      for (let a = 0; a < this.scale.openActions; a++) {
        const [kase, caseIdx] = councilCases[rng.skewed(councilCases.length, 1.3)]!;
        const createdAt = Math.max(kase.createdAt + 3_600_000, end - rng.int(1, 240) * DAY + rng.int(0, 480) * 60_000);
        const councilWorker = rng.chance(0.8) ? p.worker(rng, council) : null;
        this.actions.push({
          caseIdx,
          title: rng.pick(ACTION_TITLES),
          org: council,
          user: councilWorker,
          createdBy: kase.leadOrg === council ? kase.leadOfficer : p.worker(rng, kase.leadOrg),
          createdAt: Math.min(createdAt, end - 60_000),
          dueDay: dueAfter(Math.min(createdAt, end - 60_000)),
          status: rng.chance(0.7) ? "OPEN" : "IN_PROGRESS",
          completedAt: null,
          outcome: null,
          cancelReason: null,
          id: "",
        });
      }
    }
    // Everyone else's actions, on every case; the council's extra ones are finished, so its open
    // count stays exactly `openActions`.
    this.cases.forEach((kase, caseIdx) => {
      const count = rng.skewed(4, 1.6);
      const orgs = [kase.leadOrg, ...kase.shares.map((s) => s.org)];
      for (let a = 0; a < count; a++) {
        const org = rng.pick(orgs);
        const until = Math.min(kase.closedAt ?? end, end) - 60_000;
        const createdAt = Math.max(
          kase.createdAt,
          Math.min(until, kase.createdAt + rng.next() * Math.max(3_600_000, Math.min(until - kase.createdAt, 120 * DAY))),
        );
        const dueDay = dueAfter(createdAt);
        let status: ActionStatus;
        if (!active(kase) || org === council) status = rng.chance(0.85) ? "DONE" : "CANCELLED";
        else status = rng.pick(["OPEN", "OPEN", "IN_PROGRESS", "DONE", "DONE", "DONE", "CANCELLED"] as const);
        const finished = status === "DONE" || status === "CANCELLED";
        const completedAt = finished ? Math.min(until, createdAt + rng.int(1, 60) * DAY) : null;
        this.actions.push({
          caseIdx,
          title: rng.pick(ACTION_TITLES),
          org,
          user: rng.chance(0.7) ? p.worker(rng, org) : null,
          createdBy: rng.chance(0.7) ? kase.leadOfficer : p.worker(rng, org),
          createdAt,
          dueDay,
          status,
          completedAt: completedAt === null ? null : Math.max(createdAt, completedAt),
          outcome: status === "DONE" ? rng.pick(ACTION_OUTCOMES) : null,
          cancelReason:
            status === "CANCELLED"
              ? rng.pick(["No longer needed: the case closed.", "Superseded by a meeting action.", "The victim declined."])
              : null,
          id: "",
        });
      }
    });
    this.actions.sort((a, b) => a.createdAt - b.createdAt);
    const ids = new Rng(`${this.seed}:action-ids`);
    for (const action of this.actions) action.id = ids.uuid7(action.createdAt);
  }

  // ── Rows ──

  personSearchText(i: number): string {
    const name = this.names[i]!;
    return searchText(name.first, name.last, ...name.aliases.flatMap((a) => [a.first, a.last]));
  }

  placeSearchText(i: number): string {
    const place = this.places[i]!;
    return searchText(place.line1, place.line2, place.town, place.postcode);
  }

  gender(i: number): Gender {
    return GENDERS.values[this.personGender[i]!]!;
  }
}

const londonDayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The London calendar day of an instant, as UTC midnight (for `date` columns). */
export function londonDayMs(ms: number): number {
  const parts = londonDayFormat.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"));
}
