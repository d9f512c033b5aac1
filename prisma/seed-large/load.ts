// Writes a planned large partnership in one transaction: reference counters locked first, the
// secondary indexes and foreign keys of the big tables set aside while COPY fills them and then
// rebuilt exactly as they were (definitions read from the catalogue), counters advanced, and a
// marker setting written. A failure rolls everything back, indexes included.

import type pg from "pg";
import type { AsbType, InvolvementRole } from "../../lib/generated/prisma/enums";
import { searchText } from "../seed/support";
import { NULL, bool, copyRows, date, text, timestamp, type CopyResult } from "./copy";
import { CATEGORIES, METHODS, RISKS, ROLES, TYPES, describe } from "./incident-mix";
import { LargePlan, type PlannedAction } from "./plan";
import { Rng } from "./random";

/** The tables whose secondary indexes and foreign keys are rebuilt after loading. */
export const BIG_TABLES = ["Location", "Person", "PersonAlias", "Incident", "IncidentPerson"] as const;
/** Every table the large seed writes to (analysed at the end). */
export const LOADED_TABLES = [
  "Location",
  "Person",
  "PersonAlias",
  "VulnerabilityMarker",
  "Case",
  "CaseShare",
  "CasePerson",
  "CaseLocation",
  "Incident",
  "IncidentPerson",
  "CaseAction",
  "TimelineEntry",
  "ReferenceCounter",
  "Setting",
] as const;

type SetAside = { indexes: { name: string; table: string; def: string }[]; foreignKeys: { name: string; table: string; def: string }[] };

export type LoadOptions = {
  keepIndexes: boolean;
  log: (line: string) => void;
  marker: { key: string; value: Record<string, unknown> };
};

const ROLE_LABEL: Record<InvolvementRole, string> = {
  VICTIM: "victim",
  PERPETRATOR: "alleged perpetrator",
  WITNESS: "witness",
  REPORTER: "reporter",
  OTHER: "other",
};
const TYPE_LABEL: Record<AsbType, string> = {
  ROWDY_INCONSIDERATE: "rowdy or inconsiderate behaviour",
  NOISE: "noise",
  STREET_DRINKING: "street drinking",
  BEGGING: "begging",
  DRUG_USE_DEALING: "drug use or dealing",
  VEHICLE_NUISANCE: "vehicle nuisance",
  LITTERING_FLY_TIPPING: "littering or fly-tipping",
  CRIMINAL_DAMAGE_GRAFFITI: "criminal damage or graffiti",
  INTIMIDATION_HARASSMENT: "intimidation or harassment",
  HATE_MOTIVATED: "hate-motivated",
  OTHER: "other ASB",
};

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

export function reportCopy(log: (line: string) => void, result: CopyResult): void {
  const seconds = result.ms / 1000;
  const rate = seconds > 0 ? Math.round(result.rows / seconds) : result.rows;
  log(
    `  ${result.table.padEnd(20)} ${formatCount(result.rows).padStart(10)} rows  ${seconds.toFixed(1).padStart(6)}s  ${formatCount(rate).padStart(9)} rows/s`,
  );
}

/** Reads (and locks) the reference counters of `prefix` for `years`, creating missing rows. */
async function lockCounters(client: pg.Client, prefix: string, table: "Incident" | "Case", years: number[]): Promise<Map<number, number>> {
  await client.query(
    `INSERT INTO "ReferenceCounter" (prefix, year, last) SELECT $1, y, 0 FROM unnest($2::int[]) AS y ON CONFLICT DO NOTHING`,
    [prefix, years],
  );
  const { rows } = await client.query<{ year: number; last: number }>(
    `SELECT year, last FROM "ReferenceCounter" WHERE prefix = $1 AND year = ANY($2::int[]) ORDER BY year FOR UPDATE`,
    [prefix, years],
  );
  const last = new Map(rows.map((r) => [r.year, r.last]));
  // Belt and braces: never below a reference already in the table (e.g. one written without the counter).
  const existing = await client.query<{ year: number; max: number }>(
    `SELECT substring(reference FROM ${prefix.length + 2} FOR 4)::int AS year, max(substring(reference FROM ${prefix.length + 7})::int) AS max
     FROM "${table}" WHERE reference ~ $1 GROUP BY 1`,
    [`^${prefix}-[0-9]{4}-[0-9]{6}$`],
  );
  for (const r of existing.rows) if (last.has(r.year)) last.set(r.year, Math.max(last.get(r.year)!, r.max));
  return last;
}

async function setAside(client: pg.Client, log: (line: string) => void): Promise<SetAside> {
  const tables = [...BIG_TABLES];
  const indexes = await client.query<{ name: string; table: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS table, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[]) AND NOT i.indisunique AND NOT i.indisprimary
     ORDER BY 2, 1`,
    [tables],
  );
  const foreignKeys = await client.query<{ name: string; table: string; def: string }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
     ORDER BY 2, 1`,
    [tables],
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name.replaceAll('"', '""')}"`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  log(
    `  set aside ${indexes.rows.length} secondary indexes and ${foreignKeys.rows.length} foreign keys of ${tables.join(", ")} (rebuilt after loading)`,
  );
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

async function restore(client: pg.Client, aside: SetAside, log: (line: string) => void): Promise<void> {
  for (const index of aside.indexes) {
    const started = performance.now();
    await client.query(index.def);
    log(`  index ${index.name.padEnd(52)} ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s`);
  }
  const started = performance.now();
  for (const fk of aside.foreignKeys) {
    await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name.replaceAll('"', '""')}" ${fk.def}`);
  }
  log(`  ${aside.foreignKeys.length} foreign keys added back and checked in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

export async function loadPlan(client: pg.Client, plan: LargePlan, options: LoadOptions): Promise<CopyResult[]> {
  const { log } = options;
  const p = plan.partnership;
  const orgId = (i: number) => p.organisations[i]!.id;
  // Who recorded a place or person: one of its organisation's workers, picked by row number (the
  // same every run), as Person/Location.createdById (lib/people/access, lib/places/access).
  const creatorId = (orgIdx: number, row: number) => {
    const workers = p.organisations[orgIdx]!.workers;
    return workers.length > 0 ? workers[row % workers.length]!.id : NULL;
  };
  const results: CopyResult[] = [];
  const copy = async (table: string, columns: readonly string[], rows: Iterable<readonly string[]>, progressEvery = 0) => {
    const result = await copyRows(client, table, columns, rows, {
      progressEvery,
      progress: (t, n, ms) => log(`    ${t}: ${formatCount(n)} rows (${formatCount(Math.round(n / (ms / 1000)))} rows/s)`),
    });
    reportCopy(log, result);
    results.push(result);
  };

  // Reference counters: locked for the whole load, so the app's own numbering waits and then
  // carries on after the last seeded number.
  const incidentYears = [...plan.incidentsPerYear().keys()].sort();
  const caseYears = [...new Set(plan.cases.map((c) => new Date(c.createdAt).getUTCFullYear()))].sort();
  const incidentBase = await lockCounters(client, "INC", "Incident", incidentYears);
  const caseBase = await lockCounters(client, "CASE", "Case", caseYears);
  const caseNext = new Map(caseYears.map((y) => [y, caseBase.get(y) ?? 0]));
  for (const c of plan.cases) {
    const year = new Date(c.createdAt).getUTCFullYear();
    const n = caseNext.get(year)! + 1;
    caseNext.set(year, n);
    c.reference = `CASE-${year}-${String(n).padStart(6, "0")}`;
  }
  const incidentRef = (i: number) => {
    const year = plan.refYear[i]!;
    return `INC-${year}-${String(incidentBase.get(year)! + plan.refNumber[i]!).padStart(6, "0")}`;
  };

  const aside = options.keepIndexes ? null : await setAside(client, log);

  // ── Places ──
  const placeOrder = LargePlan.byTime(plan.placeCreatedAt);
  await copy(
    "Location",
    [
      "id",
      "addressLine1",
      "addressLine2",
      "town",
      "postcode",
      "uprn",
      "latitude",
      "longitude",
      "kind",
      "searchText",
      "createdByOrgId",
      "createdById",
      "createdAt",
      "updatedAt",
    ],
    (function* () {
      for (const i of placeOrder) {
        const place = plan.places[i]!;
        const at = timestamp(plan.placeCreatedAt[i]!);
        yield [
          plan.placeIds[i]!,
          text(place.line1),
          text(place.line2),
          text(place.town),
          text(place.postcode),
          text(plan.placeUprn[i]),
          place.lat === null ? NULL : place.lat.toFixed(6),
          place.lng === null ? NULL : place.lng.toFixed(6),
          place.kind,
          text(plan.placeSearchText(i)),
          orgId(plan.placeOrg[i]!),
          creatorId(plan.placeOrg[i]!, i),
          at,
          at,
        ];
      }
    })(),
  );

  // ── People ──
  const personOrder = LargePlan.byTime(plan.personCreatedAt);
  await copy(
    "Person",
    [
      "id",
      "firstName",
      "lastName",
      "searchText",
      "dateOfBirth",
      "gender",
      "ethnicity",
      "isRaciallyMinoritised",
      "isLgbt",
      "hasDisability",
      "phone",
      "email",
      "addressId",
      "createdByOrgId",
      "createdById",
      "createdAt",
      "updatedAt",
    ],
    (function* () {
      for (const i of personOrder) {
        const name = plan.names[i]!;
        const eq = plan.personEquality[i]!;
        const dob = plan.personDob[i]!;
        const address = plan.personAddress[i]!;
        const at = timestamp(plan.personCreatedAt[i]!);
        yield [
          plan.personIds[i]!,
          text(name.first),
          text(name.last),
          text(plan.personSearchText(i)),
          Number.isNaN(dob) ? NULL : date(dob),
          plan.gender(i),
          eq ? text(name.ethnicity) : NULL,
          eq ? bool(name.minoritised) : NULL,
          eq ? bool((eq & 2) !== 0) : NULL,
          eq ? bool((eq & 4) !== 0) : NULL,
          text(plan.personPhone[i]),
          text(plan.personEmail[i]),
          address < 0 ? NULL : plan.placeIds[address]!,
          orgId(plan.personOrg[i]!),
          creatorId(plan.personOrg[i]!, i),
          at,
          at,
        ];
      }
    })(),
  );
  const aliasIds = new Rng(`${plan.seed}:alias-ids`);
  await copy(
    "PersonAlias",
    ["id", "personId", "firstName", "lastName", "searchText"],
    (function* () {
      for (const i of personOrder) {
        for (const alias of plan.names[i]!.aliases) {
          yield [
            aliasIds.uuid7(plan.personCreatedAt[i]!),
            plan.personIds[i]!,
            text(alias.first),
            text(alias.last),
            text(searchText(alias.first, alias.last)),
          ];
        }
      }
    })(),
  );
  const markerIds = new Rng(`${plan.seed}:marker-ids`);
  await copy(
    "VulnerabilityMarker",
    ["id", "personId", "kind", "note", "recordedById", "recordedAt"],
    (function* () {
      for (const m of plan.markers)
        yield [markerIds.uuid7(m.at), plan.personIds[m.person]!, m.kind, text(m.note), m.by.id, timestamp(m.at)];
    })(),
  );

  // ── Cases ──
  await copy(
    "Case",
    [
      "id",
      "reference",
      "kind",
      "title",
      "summary",
      "leadOrganisationId",
      "leadOfficerId",
      "status",
      "closureReason",
      "closureNote",
      "closedAt",
      "riskLevel",
      "restricted",
      "createdById",
      "createdAt",
      "updatedAt",
    ],
    (function* () {
      for (const c of plan.cases) {
        const updated = Math.max(c.createdAt, c.closedAt ?? 0, c.statusChangedAt ?? 0, ...c.shares.map((s) => s.at));
        yield [
          c.id,
          c.reference,
          c.kind,
          text(c.title),
          text(c.summary),
          orgId(c.leadOrg),
          c.leadOfficer.id,
          c.status,
          c.closureReason ?? NULL,
          c.closureReason ? text(closureNote(c.closureReason)) : NULL,
          timestamp(c.closedAt),
          c.risk,
          bool(c.restricted),
          c.createdBy.id,
          timestamp(c.createdAt),
          timestamp(updated),
        ];
      }
    })(),
  );
  await copy(
    "CaseShare",
    ["caseId", "organisationId", "sharedAt", "sharedById"],
    (function* () {
      for (const c of plan.cases) for (const s of c.shares) yield [c.id, orgId(s.org), timestamp(s.at), s.by.id];
    })(),
  );
  await copy(
    "CasePerson",
    ["caseId", "personId", "role", "addedAt"],
    (function* () {
      for (const c of plan.cases) {
        const at = timestamp(c.createdAt);
        yield [c.id, plan.personIds[c.victim]!, "VICTIM", at];
        if (c.perpetrator >= 0) yield [c.id, plan.personIds[c.perpetrator]!, "PERPETRATOR", at];
        if (c.witness >= 0 && c.witness !== c.victim && c.witness !== c.perpetrator)
          yield [c.id, plan.personIds[c.witness]!, "WITNESS", at];
      }
    })(),
  );
  await copy(
    "CaseLocation",
    ["caseId", "locationId", "addedAt"],
    (function* () {
      for (const c of plan.cases) yield [c.id, plan.placeIds[c.hub]!, timestamp(c.createdAt)];
    })(),
  );

  // ── Incidents ──
  const textRng = new Rng(`${plan.seed}:text`);
  await copy(
    "Incident",
    [
      "id",
      "reference",
      "occurredAt",
      "reportedAt",
      "reportMethod",
      "category",
      "type",
      "description",
      "locationId",
      "reportingOrganisationId",
      "reportingOfficerId",
      "riskLevel",
      "caseId",
      "createdAt",
      "updatedAt",
    ],
    (function* () {
      for (const i of plan.order) {
        const loc = plan.location[i]!;
        const type = TYPES[plan.type[i]!]!;
        const place = loc >= 0 ? plan.places[loc]!.line1 : plan.placeGen.anyStreet();
        const street = loc >= 0 ? plan.places[loc]!.street : place;
        const reported = timestamp(plan.reportedAt[i]!);
        const caseIdx = plan.caseOf[i]!;
        yield [
          plan.incidentIds[i]!,
          incidentRef(i),
          timestamp(plan.occurredAt[i]!),
          reported,
          METHODS[plan.method[i]!]!,
          CATEGORIES[plan.category[i]!]!,
          type,
          text(describe(textRng, type, place, street)),
          loc >= 0 ? plan.placeIds[loc]! : NULL,
          orgId(plan.org[i]!),
          p.users[plan.officer[i]!]!.id,
          RISKS[plan.risk[i]!]!,
          caseIdx >= 0 ? plan.cases[caseIdx]!.id : NULL,
          reported,
          reported,
        ];
      }
    })(),
    250_000,
  );
  await copy(
    "IncidentPerson",
    ["incidentId", "personId", "role"],
    (function* () {
      const seen = new Set<string>();
      for (const i of plan.order) {
        seen.clear();
        for (let slot = 0; slot < 3; slot++) {
          const person = plan.people[i * 3 + slot]!;
          if (person < 0) continue;
          const role = ROLES[plan.roles[i * 3 + slot]!]!;
          const key = `${person}:${role}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield [plan.incidentIds[i]!, plan.personIds[person]!, role];
        }
      }
    })(),
    500_000,
  );

  // ── Actions and timelines ──
  await copy(
    "CaseAction",
    [
      "id",
      "caseId",
      "title",
      "assignedOrganisationId",
      "assignedUserId",
      "dueDate",
      "status",
      "outcome",
      "cancelReason",
      "completedAt",
      "createdById",
      "createdAt",
      "updatedAt",
    ],
    (function* () {
      for (const a of plan.actions) {
        yield [
          a.id,
          plan.cases[a.caseIdx]!.id,
          text(a.title),
          orgId(a.org),
          a.user?.id ?? NULL,
          date(a.dueDay),
          a.status,
          text(a.outcome),
          text(a.cancelReason),
          timestamp(a.completedAt),
          a.createdBy.id,
          timestamp(a.createdAt),
          timestamp(a.completedAt ?? a.createdAt),
        ];
      }
    })(),
  );
  const actionsByCase = new Map<number, PlannedAction[]>();
  for (const a of plan.actions) {
    let list = actionsByCase.get(a.caseIdx);
    if (!list) actionsByCase.set(a.caseIdx, (list = []));
    list.push(a);
  }
  await copy(
    "TimelineEntry",
    ["caseId", "kind", "summary", "detail", "subjectType", "subjectId", "actorUserId", "actorOrganisationId", "occurredAt"],
    (function* () {
      for (let ci = 0; ci < plan.cases.length; ci++) {
        const c = plan.cases[ci]!;
        const lead = c.leadOfficer;
        const entries: { at: number; row: string[] }[] = [];
        const add = (
          at: number,
          kind: string,
          summary: string,
          detail: Record<string, unknown> | null,
          subjectType: string | null,
          subjectId: string | null,
          actor = lead,
        ) =>
          entries.push({
            at,
            row: [
              c.id,
              kind,
              text(summary),
              detail ? text(JSON.stringify(detail)) : NULL,
              text(subjectType),
              text(subjectId),
              actor.id,
              orgId(actor.orgIdx),
              timestamp(at),
            ],
          });
        add(c.createdAt, "CASE_OPENED", `Case opened: ${c.title}`, { kind: c.kind, riskLevel: c.risk }, "Case", c.id, c.createdBy);
        const named: [number, InvolvementRole][] = [[c.victim, "VICTIM"]];
        if (c.perpetrator >= 0) named.push([c.perpetrator, "PERPETRATOR"]);
        if (c.witness >= 0 && c.witness !== c.victim && c.witness !== c.perpetrator) named.push([c.witness, "WITNESS"]);
        named.forEach(([person, role], k) => {
          const name = plan.names[person]!;
          add(
            c.createdAt + (1 + k) * 60_000,
            "PERSON_ADDED",
            `${name.first} ${name.last} added as ${ROLE_LABEL[role]}`,
            { role },
            "Person",
            plan.personIds[person]!,
            c.createdBy,
          );
        });
        add(
          c.createdAt + (2 + named.length) * 60_000,
          "LOCATION_ADDED",
          `${plan.places[c.hub]!.line1} added`,
          null,
          "Location",
          plan.placeIds[c.hub]!,
          c.createdBy,
        );
        for (const s of c.shares)
          add(s.at, "SHARED", `Shared with ${p.organisations[s.org]!.name}`, null, "Organisation", orgId(s.org), s.by);
        c.incidents.forEach((i, k) => {
          const reported = plan.reportedAt[i]!;
          const at = reported < c.createdAt ? c.createdAt + (10 + k) * 60_000 : reported + 20 * 60_000;
          const reference = incidentRef(i);
          const loc = plan.location[i]!;
          const where = loc >= 0 ? ` at ${plan.places[loc]!.line1}` : "";
          add(
            Math.min(at, plan.endMs - 1000),
            "INCIDENT_LINKED",
            `Incident ${reference} linked: ${TYPE_LABEL[TYPES[plan.type[i]!]!]}${where}`,
            { reference },
            "Incident",
            plan.incidentIds[i]!,
          );
        });
        for (const a of actionsByCase.get(ci) ?? []) {
          const assignee = `${p.organisations[a.org]!.shortName}${a.user ? ` (${a.user.name})` : ""}`;
          add(
            a.createdAt,
            "ACTION_CREATED",
            `Action for ${assignee}: ${a.title}`,
            { dueDate: date(a.dueDay) },
            "CaseAction",
            a.id,
            a.createdBy,
          );
          if (a.status === "DONE" && a.completedAt !== null)
            add(
              a.completedAt,
              "ACTION_COMPLETED",
              `Action completed: ${a.title}. ${a.outcome ?? ""}`.trim(),
              null,
              "CaseAction",
              a.id,
              a.user ?? a.createdBy,
            );
          if (a.status === "CANCELLED" && a.completedAt !== null)
            add(
              a.completedAt,
              "ACTION_CANCELLED",
              `Action cancelled: ${a.title}. ${a.cancelReason ?? ""}`.trim(),
              null,
              "CaseAction",
              a.id,
              a.createdBy,
            );
        }
        if (c.statusChangedAt !== null && c.status !== "CLOSED") {
          const label = c.status === "MONITORING" ? "Monitoring" : "Under review";
          add(c.statusChangedAt, "STATUS_CHANGED", `Status changed from Open to ${label}`, { from: "OPEN", to: c.status }, null, null);
        }
        if (c.closedAt !== null && c.closureReason) {
          const reason = c.closureReason.toLowerCase().replace(/_/g, " ");
          add(
            c.closedAt,
            "STATUS_CHANGED",
            `Case closed (${reason}): ${closureNote(c.closureReason)}`,
            { from: "OPEN", to: "CLOSED", closureReason: c.closureReason },
            null,
            null,
          );
        }
        entries.sort((a, b) => a.at - b.at);
        for (const e of entries) yield e.row;
      }
    })(),
  );

  if (aside) await restore(client, aside, log);

  // Counters: the app numbers its next incident and case after the last seeded one.
  const perYear = plan.incidentsPerYear();
  for (const [year, count] of perYear) {
    await client.query(`UPDATE "ReferenceCounter" SET last = $3 WHERE prefix = $1 AND year = $2`, [
      "INC",
      year,
      incidentBase.get(year)! + count,
    ]);
  }
  for (const [year, last] of caseNext) {
    await client.query(`UPDATE "ReferenceCounter" SET last = $3 WHERE prefix = $1 AND year = $2`, ["CASE", year, last]);
  }
  await client.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())`, [
    options.marker.key,
    JSON.stringify(options.marker.value),
  ]);
  return results;
}

function closureNote(reason: string): string {
  switch (reason) {
    case "RESOLVED":
      return "No further reports for three months; the victim is satisfied.";
    case "NO_FURTHER_ACTION":
      return "Insufficient evidence to take further action.";
    case "ENFORCEMENT_COMPLETE":
      return "Enforcement complete; conditions being complied with.";
    case "VICTIM_DISENGAGED":
      return "The victim no longer wishes to engage.";
    case "TRANSFERRED_OUT":
      return "The people involved have moved out of the area; transferred to the new area.";
    case "DUPLICATE":
      return "Duplicate of another case.";
    default:
      return "Closed by agreement of the partners.";
  }
}
