import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Gender } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { auditRefusal, auditView, recordAudit } from "@/lib/audit/data";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visiblePowersWhere } from "@/lib/powers/access";
import { visiblePeopleWhere } from "@/lib/people/access";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import {
  aliasText,
  isEmptySearch,
  matchCheckKey,
  type AliasName,
  type PeopleSearchQuery,
  type TPerson,
  type TPersonEdit,
  type TRecordMarker,
  type TMergePeople,
} from "@/lib/people/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { COUNT_CAP, pageOf, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { searchText } from "@/lib/search-text";
import { createOnce, isSubmissionUsed } from "@/lib/submissions";
import { requireCan } from "@/lib/auth/refuse";

// People: search, duplicate suggestions, create, profile, edit, vulnerability markers and merge.
// Who may find a person is visiblePeopleWhere (lib/people/access.ts) and nothing else: every read
// below, the fuzzy search included, goes through it. A person the actor may not see is "not
// found" (and the refused look is audited, existing or not); a merged-away profile leads to the
// profile it was merged into.
//
// Person.searchText is searchText(first name, last name, every alias) and is kept up to date by
// every write here; PersonAlias.searchText is searchText(alias first name, alias last name).

const ENTITY = "Person";

// ───────────────────────────── Create ─────────────────────────────

export type NewPersonInput = {
  firstName: string;
  lastName: string;
  dateOfBirth?: Date | null;
  gender?: Gender | null;
  /** Other names the person is known by ("also known as"). */
  aliases?: AliasName[];
  phone?: string | null;
};

function personSearchText(firstName: string, lastName: string, aliases: readonly AliasName[]): string {
  return searchText(firstName, lastName, ...aliases.map(aliasText));
}

function aliasRows(aliases: readonly AliasName[]) {
  return aliases.map((alias) => ({ firstName: alias.firstName, lastName: alias.lastName, searchText: searchText(alias.firstName, alias.lastName) }));
}

/**
 * Creates a person profile inside the caller's transaction (used by the person form and by the
 * incident form's "add a new person"). The caller has already checked person:write and offered
 * the likely existing matches.
 */
export async function createPersonInTransaction(tx: Tx, actor: Actor, input: NewPersonInput): Promise<string> {
  const aliases = input.aliases ?? [];
  const person = await tx.person.create({
    data: {
      firstName: input.firstName,
      lastName: input.lastName,
      searchText: personSearchText(input.firstName, input.lastName, aliases),
      dateOfBirth: input.dateOfBirth ?? null,
      gender: input.gender ?? null,
      phone: input.phone ?? null,
      createdByOrgId: actor.organisationId,
      createdById: actor.userId,
      aliases: { create: aliasRows(aliases) },
    },
    select: { id: true },
  });
  await recordAudit(tx, { action: "CREATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: person.id });
  return person.id;
}

export type CreatePersonOutcome =
  | { kind: "created"; id: string; duplicate: boolean }
  /** Nothing was created: these people the actor can see are probably the same person. */
  | { kind: "matches"; matches: PersonSearchResult[]; checkedFor: string };

/**
 * Creates a person from the person form. Likely existing matches are offered first and nothing is
 * created, unless the user has said "none of these" for this same name and date of birth. The
 * submission key makes a second submission of the same form (double click, refresh) return the
 * profile the first one made.
 */
export async function createPerson(
  actor: Actor,
  input: TPerson,
  submissionKey: string,
  confirmation: { confirmedNew: boolean; checkedFor?: string },
): Promise<CreatePersonOutcome> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to add people"));
  const checkedFor = matchCheckKey(input);
  const confirmed = confirmation.confirmedNew && confirmation.checkedFor === checkedFor;
  // A resubmission of a form that already made its profile goes straight to it, rather than
  // offering the new profile as a match for itself.
  if (!confirmed && !(await isSubmissionUsed(submissionKey))) {
    const matches = await findLikelyMatches(actor, input);
    if (matches.length > 0) return { kind: "matches", matches, checkedFor };
  }
  const created = await createOnce(submissionKey, actor.userId, ENTITY, (tx) => createPersonInTransaction(tx, actor, input));
  return { kind: "created", ...created };
}


// ───────────────────────────── Search ─────────────────────────────

export type PersonSearchResult = {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date | null;
  /** The person's other names that matched the search (why a differently named person is listed). */
  matchedAliases: string[];
  /** The date of birth searched for is this person's. */
  dateOfBirthMatches: boolean;
  alerts: PersonAlerts;
};

export type PeopleSearchPage = Page<PersonSearchResult> & {
  /** More people matched than are ranked (CANDIDATE_LIMIT): the user should narrow the search. */
  limited: boolean;
};

/** How many of the best fuzzy matches are ranked before the visibility rule is applied. */
export const CANDIDATE_LIMIT = 500;

// How names are matched (pg_trgm word similarity: how well the words typed match the best run of
// words in a person's names and aliases, so "j smith", "marg" and "kaydee" all find their person):
// - first at WORD_SIMILARITY 0.45, which finds a typo in either name ("margret elison", "gary
//   wilkens") but not everyone who merely shares a common first name with the person sought;
// - when that finds almost nobody, or nobody who matches well (STRONG_MATCH), again at
//   RELAXED_SIMILARITY 0.3, for the typos trigrams judge harshly ("smyth" for Smith);
// - with a date of birth, people born that day need only DOB_NAME_SIMILARITY: the date vouches for
//   them, so a misspelt surname with the right date of birth ("stephen dougherty" for Steven
//   Docherty, 0.42) comes first;
// - each name branch examines at most SCAN_LIMIT index matches, so that a two-letter query costs
//   little more than a full name.
const WORD_SIMILARITY = 0.45;
const RELAXED_SIMILARITY = 0.3;
const RELAX_BELOW = 10;
const STRONG_MATCH = 0.6;
const DOB_NAME_SIMILARITY = 0.25;
const SCAN_LIMIT = 2000;
/** Every word typed is the start of one of the person's names ("j smith" → John Smith). */
const INITIALS_BONUS = 0.1;

/** `closeness` (whole-name trigram similarity) breaks ties of `score` ("ellsion": Ellison before Elliott). */
type Candidate = { id: string; score: number; closeness: number; dobMatch: boolean; aliases: string[] };

/**
 * The best CANDIDATE_LIMIT matches for the query, best first, over every profile that has not
 * been merged away: people born on the date searched for first, then by trigram similarity of
 * their names and aliases. Driven by the GIN trigram indexes on Person.searchText and
 * PersonAlias.searchText (and the date-of-birth index); who may see them is decided afterwards,
 * by visiblePeopleWhere.
 */
async function rankCandidates(query: PeopleSearchQuery): Promise<Candidate[]> {
  const strict = await rankCandidatesAt(query, WORD_SIMILARITY);
  const strong = strict.some((c) => c.score >= STRONG_MATCH);
  if (query.text === "" || (strict.length >= RELAX_BELOW && strong)) return strict;
  // Both sets, best first (a stable sort keeps each set's own order among equals): the relaxed
  // one may have stopped at SCAN_LIMIT before reaching every strict match.
  const byId = new Map(strict.map((c) => [c.id, c]));
  for (const c of await rankCandidatesAt(query, RELAXED_SIMILARITY)) if (!byId.has(c.id)) byId.set(c.id, c);
  return [...byId.values()]
    .sort((a, b) => Number(b.dobMatch) - Number(a.dobMatch) || b.score - a.score || b.closeness - a.closeness)
    .slice(0, CANDIDATE_LIMIT);
}

async function rankCandidatesAt(query: PeopleSearchQuery, wordSimilarity: number): Promise<Candidate[]> {
  const q = query.text;
  const dob = query.dateOfBirth ? query.dateOfBirth.toISOString().slice(0, 10) : null;
  const nameScore = (column: Prisma.Sql) => Prisma.sql`greatest(similarity(${column}, ${q}), word_similarity(${q}, ${column}))`;
  const branches: Prisma.Sql[] = [];
  if (q) {
    branches.push(Prisma.sql`(
      SELECT p.id, p."dateOfBirth", p."searchText", ${nameScore(Prisma.sql`p."searchText"`)} AS score, NULL::text AS alias
      FROM "Person" p
      WHERE ${q} <% p."searchText" AND p."mergedIntoId" IS NULL
      LIMIT ${SCAN_LIMIT})`);
    branches.push(Prisma.sql`(
      SELECT p.id, p."dateOfBirth", p."searchText", ${nameScore(Prisma.sql`a."searchText"`)} AS score,
             concat_ws(' ', a."firstName", a."lastName") AS alias
      FROM "PersonAlias" a JOIN "Person" p ON p.id = a."personId"
      WHERE ${q} <% a."searchText" AND p."mergedIntoId" IS NULL
      LIMIT ${SCAN_LIMIT})`);
  }
  if (dob) {
    const score = q ? nameScore(Prisma.sql`p."searchText"`) : Prisma.sql`0`;
    branches.push(Prisma.sql`(
      SELECT p.id, p."dateOfBirth", p."searchText", ${score}::real AS score, NULL::text AS alias
      FROM "Person" p
      WHERE p."dateOfBirth" = ${dob}::date AND p."mergedIntoId" IS NULL
        ${q ? Prisma.sql`AND ${score} >= ${DOB_NAME_SIMILARITY}` : Prisma.empty})`);
  }
  const initials = q
    ? Prisma.sql`CASE WHEN NOT EXISTS (
        SELECT 1 FROM unnest(string_to_array(${q}, ' ')) AS typed(word)
        WHERE NOT EXISTS (SELECT 1 FROM unnest(string_to_array(h."searchText", ' ')) AS known(word) WHERE starts_with(known.word, typed.word))
      ) THEN ${INITIALS_BONUS}::real ELSE 0 END`
    : Prisma.sql`0`;
  const ranked = Prisma.sql`
    SELECT h.id, max(h.score) + ${initials} AS score,
           ${q ? Prisma.sql`similarity(h."searchText", ${q})` : Prisma.sql`0`}::real AS closeness,
           coalesce(bool_or(h."dateOfBirth" = ${dob}::date), false) AS "dobMatch",
           array_remove(array_agg(DISTINCT h.alias), NULL) AS aliases
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS h
    GROUP BY h.id, h."searchText"
    ORDER BY "dobMatch" DESC, score DESC, closeness DESC, h."searchText", h.id
    LIMIT ${CANDIDATE_LIMIT}`;
  // SET LOCAL: the threshold holds for this transaction only. Sequential scans are switched off
  // for it too: the planner does not know how dear a trigram comparison is and, on a table of this
  // size, would rather compare every row than use the index (measured: ~450 ms against ~20 ms).
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(wordSimilarity)}, true),
                        set_config('enable_seqscan', 'off', true)`,
    db.$queryRaw<{ id: string; score: number; closeness: number; dobMatch: boolean; aliases: string[] | null }[]>(ranked),
  ]);
  return rows.map((row) => ({ id: row.id, score: Number(row.score), closeness: Number(row.closeness), dobMatch: row.dobMatch, aliases: row.aliases ?? [] }));
}

const RESULT_SELECT = { id: true, firstName: true, lastName: true, dateOfBirth: true } satisfies Prisma.PersonSelect;
type ResultRow = Prisma.PersonGetPayload<{ select: typeof RESULT_SELECT }>;

/**
 * The candidates the actor may see, in rank order, until `needed` are found. The visibility rule
 * is visiblePeopleWhere itself, applied to a batch of ids at a time.
 */
async function visibleInRankOrder(actor: Actor, candidates: Candidate[], needed: number): Promise<(Candidate & ResultRow)[]> {
  const visible: (Candidate & ResultRow)[] = [];
  const batchSize = Number.isFinite(needed) ? Math.max(needed * 4, 40) : CANDIDATE_LIMIT;
  for (let start = 0; start < candidates.length && visible.length < needed; start += batchSize) {
    const batch = candidates.slice(start, start + batchSize);
    const rows = await db.person.findMany({
      where: { AND: [{ id: { in: batch.map((c) => c.id) } }, visiblePeopleWhere(actor)] },
      select: RESULT_SELECT,
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const candidate of batch) {
      const row = byId.get(candidate.id);
      if (row) visible.push({ ...candidate, ...row });
    }
  }
  return visible;
}

async function withAlerts(rows: (Candidate & ResultRow)[]): Promise<PersonSearchResult[]> {
  const alerts = await alertsFor(rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    dateOfBirth: row.dateOfBirth,
    matchedAliases: row.aliases,
    dateOfBirthMatches: row.dobMatch,
    alerts: alerts.get(row.id)!,
  }));
}

/**
 * The people search page (/people): every visible match among the best CANDIDATE_LIMIT, one page
 * of them with their alerts. An empty query finds nobody (the page shows how to search instead).
 */
export async function searchPeople(
  actor: Actor,
  query: PeopleSearchQuery,
  window: { page: number; pageSize: number },
): Promise<PeopleSearchPage> {
  const skip = (window.page - 1) * window.pageSize;
  if (!can(actor, "person:read") || isEmptySearch(query)) return { ...pageOf([], 0, window), limited: false };
  const candidates = await rankCandidates(query);
  const visible = await visibleInRankOrder(actor, candidates, Infinity);
  const rows = await withAlerts(visible.slice(skip, skip + window.pageSize));
  return { ...pageOf(rows, visible.length, window), limited: candidates.length === CANDIDATE_LIMIT };
}

/** The best `limit` visible matches (the incident form's person picker, POST /api/people/search). */
export async function findPeople(actor: Actor, query: PeopleSearchQuery, limit: number): Promise<PersonSearchResult[]> {
  if (!can(actor, "person:read") || isEmptySearch(query)) return [];
  const candidates = await rankCandidates(query);
  const visible = await visibleInRankOrder(actor, candidates, limit);
  return withAlerts(visible.slice(0, limit));
}

// ───────────────────────────── Likely duplicates ─────────────────────────────

/** A name this similar is offered as a likely match even without a matching date of birth. */
const LIKELY_NAME_SCORE = 0.5;
const MAX_MATCHES = 5;

/**
 * People the actor can see who are probably the one about to be created: a similar name and the
 * same date of birth first, then a similar name alone.
 */
export async function findLikelyMatches(actor: Actor, person: Pick<TPerson, "firstName" | "lastName" | "dateOfBirth">): Promise<PersonSearchResult[]> {
  if (!can(actor, "person:read")) return [];
  const query = { text: searchText(person.firstName, person.lastName), dateOfBirth: person.dateOfBirth };
  const likely = (await rankCandidates(query)).filter((c) => c.dobMatch || c.score >= LIKELY_NAME_SCORE);
  return withAlerts((await visibleInRankOrder(actor, likely, MAX_MATCHES)).slice(0, MAX_MATCHES));
}

// ───────────────────────────── One person ─────────────────────────────

/**
 * The id, if the actor may see that person. Otherwise NotFoundError, exactly as for an id that
 * does not exist; the refused look is audited either way.
 */
async function requireVisiblePerson(actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError("person");
  const visible = await db.person.count({ where: { AND: [{ id }, visiblePeopleWhere(actor)] } });
  if (visible > 0) return;
  // Audited whether or not the profile exists: a guessed id costs the same work as a hidden one,
  // so the time taken tells nothing.
  await auditRefusal(actor, ENTITY, id);
  throw new NotFoundError("person");
}

/** Where a chain of merges ends (merges re-point earlier tombstones, so this is usually one step). */
async function survivorOf(id: string): Promise<string> {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db.person.findUnique({ where: { id: current }, select: { mergedIntoId: true } });
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}


const PERSON_DETAIL_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  gender: true,
  phone: true,
  email: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdByOrg: { select: { name: true, shortName: true } },
  address: { select: { addressLine1: true, addressLine2: true, town: true, postcode: true } },
  aliases: { select: { id: true, firstName: true, lastName: true }, orderBy: [{ lastName: "asc" }, { id: "asc" }] },
  markers: {
    where: { removedAt: null },
    orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, note: true, recordedAt: true, recordedBy: { select: { name: true, organisation: { select: { shortName: true } } } } },
  },
} satisfies Prisma.PersonSelect;

export type PersonDetail = Prisma.PersonGetPayload<{ select: typeof PERSON_DETAIL_SELECT }>;

/** Incidents, cases and powers listed on a profile; more incidents are in the incident list. */
export const PROFILE_LIST_LIMIT = 25;

async function loadProfile(actor: Actor, id: string) {
  const incidentsWhere: Prisma.IncidentWhereInput = { AND: [visibleIncidentsWhere(actor), { people: { some: { personId: id } } }] };
  const [person, incidentCount, incidents, cases, powers, alerts] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id }, select: PERSON_DETAIL_SELECT }),
    db.incident.count({ where: incidentsWhere, take: COUNT_CAP + 1 }),
    db.incident.findMany({
      where: incidentsWhere,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: {
        id: true,
        reference: true,
        occurredAt: true,
        type: true,
        reportingOrganisation: { select: { shortName: true } },
        people: { where: { personId: id }, select: { role: true } },
      },
    }),
    db.case.findMany({
      where: { AND: [visibleCasesWhere(actor), { people: { some: { personId: id, removedAt: null } } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: {
        id: true,
        reference: true,
        title: true,
        kind: true,
        status: true,
        restricted: true,
        leadOrganisation: { select: { shortName: true } },
        people: { where: { personId: id, removedAt: null }, select: { role: true } },
      },
    }),
    db.powerUse.findMany({
      where: { AND: [{ subjectPersonId: id }, visiblePowersWhere(actor)] },
      orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: {
        id: true,
        reference: true,
        status: true,
        issuedAt: true,
        expiresAt: true,
        kind: { select: { name: true } },
        issuingOrganisation: { select: { shortName: true } },
      },
    }),
    alertsFor([id]),
  ]);
  return {
    person,
    alerts: alerts.get(id)!,
    incidents: { rows: incidents, total: Math.min(incidentCount, COUNT_CAP), totalCapped: incidentCount > COUNT_CAP },
    cases,
    powers,
  };
}

export type PersonProfile = Awaited<ReturnType<typeof loadProfile>>;

export type ProfileOutcome = { kind: "profile"; profile: PersonProfile } | { kind: "merged"; survivorId: string };

/**
 * A person's profile with everything linked that the actor may see, and their alerts. The view is
 * audited. A profile that was merged away leads to the one it was merged into (if the actor may
 * see that one); anything else the actor may not see is NotFoundError.
 */
export async function getPersonProfile(actor: Actor, id: string): Promise<ProfileOutcome> {
  if (!isUuid(id)) throw new NotFoundError("person");
  const row = await db.person.findUnique({ where: { id }, select: { mergedIntoId: true } });
  // A missing id goes on to the same check and refusal as a hidden one: the same work either way.
  if (row?.mergedIntoId) {
    const survivorId = await survivorOf(row.mergedIntoId);
    if ((await db.person.count({ where: { AND: [{ id: survivorId }, visiblePeopleWhere(actor)] } })) > 0) return { kind: "merged", survivorId };
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("person");
  }
  await requireVisiblePerson(actor, id);
  const profile = await loadProfile(actor, id);
  await auditView(actor, ENTITY, id);
  return { kind: "profile", profile };
}

export type PersonSummary = { id: string; firstName: string; lastName: string; dateOfBirth: Date | null };

/** Name and date of birth only, for a page about the person (the merge search); not a profile view. */
export async function getPersonSummary(actor: Actor, id: string): Promise<PersonSummary> {
  await requireVisiblePerson(actor, id);
  return db.person.findUniqueOrThrow({ where: { id }, select: { id: true, firstName: true, lastName: true, dateOfBirth: true } });
}

// ───────────────────────────── Edit ─────────────────────────────

/** The person as the edit form starts from them (current values and version). */
export async function getPersonForEdit(actor: Actor, id: string): Promise<PersonDetail> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to change people’s details"));
  await requireVisiblePerson(actor, id);
  return db.person.findUniqueOrThrow({ where: { id }, select: PERSON_DETAIL_SELECT });
}

const EDITABLE_FIELDS = ["firstName", "lastName", "dateOfBirth", "gender", "phone"] as const;

/**
 * Saves the person's details if nobody else has saved since `version` was read; otherwise
 * ConflictError and nothing changes. The aliases are replaced by those given. Returns the new version.
 */
export async function updatePerson(actor: Actor, id: string, input: TPersonEdit): Promise<number> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to change people’s details"));
  await requireVisiblePerson(actor, id);
  return db.$transaction(async (tx) => {
    const before = await tx.person.findUniqueOrThrow({ where: { id }, select: { ...pick(EDITABLE_FIELDS), aliases: { select: { firstName: true, lastName: true } } } });
    const updated = await tx.person.updateMany({
      where: { id, version: input.version, mergedIntoId: null },
      data: {
        firstName: input.firstName,
        lastName: input.lastName,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        phone: input.phone,
        searchText: personSearchText(input.firstName, input.lastName, input.aliases),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new ConflictError("Someone else changed this profile while you were editing it. Your changes have not been saved.");
    await tx.personAlias.deleteMany({ where: { personId: id } });
    await tx.personAlias.createMany({ data: aliasRows(input.aliases).map((alias) => ({ ...alias, personId: id })) });
    // Which details changed, by name only: the audit trail says who changed what, not the values.
    const changed: string[] = EDITABLE_FIELDS.filter((field) => comparable(before[field]) !== comparable(input[field]));
    if (before.aliases.map(aliasText).sort().join(",") !== input.aliases.map(aliasText).sort().join(",")) changed.push("aliases");
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: id, detail: { changed } });
    return input.version + 1;
  });
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

function pick<K extends string>(fields: readonly K[]): Record<K, true> {
  return Object.fromEntries(fields.map((field) => [field, true])) as Record<K, true>;
}

// ───────────────────────────── Vulnerability markers ─────────────────────────────

/** Records that the person is vulnerable (the "Vulnerable" alert on every record they are in). */
export async function recordVulnerabilityMarker(actor: Actor, personId: string, input: TRecordMarker): Promise<void> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to record vulnerability"));
  await requireVisiblePerson(actor, personId);
  await db.$transaction(async (tx) => {
    const marker = await tx.vulnerabilityMarker.create({
      data: { personId, kind: input.kind, note: input.note, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: personId,
      detail: { vulnerabilityMarker: { recorded: input.kind, markerId: marker.id } },
    });
  });
}

/** Removes a current marker (kept, with the time it was removed, for the record). */
export async function removeVulnerabilityMarker(actor: Actor, personId: string, markerId: string): Promise<void> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to remove a vulnerability"));
  await requireVisiblePerson(actor, personId);
  await db.$transaction(async (tx) => {
    const marker = await tx.vulnerabilityMarker.findFirst({ where: { id: markerId, personId, removedAt: null }, select: { kind: true } });
    if (!marker) throw new ConflictError("This vulnerability has already been removed.");
    const removed = await tx.vulnerabilityMarker.updateMany({ where: { id: markerId, removedAt: null }, data: { removedAt: new Date() } });
    if (removed.count === 0) throw new ConflictError("This vulnerability has already been removed.");
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: personId,
      detail: { vulnerabilityMarker: { removed: marker.kind, markerId } },
    });
  });
}

// ───────────────────────────── Merge ─────────────────────────────

export type MergeSide = {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date | null;
  gender: Gender | null;
  phone: string | null;
  address: string | null;
  aliases: string[];
  createdBy: string;
  version: number;
  /** Linked records the manager can see (links in records they cannot see move too). */
  visible: { incidents: number; cases: number; powers: number };
  markers: number;
};

export type MergePreview = {
  survivor: MergeSide;
  duplicate: MergeSide;
  /** Details the surviving profile does not have and will take from the duplicate. */
  filled: string[];
  /** Details both have but that differ: the surviving profile's are kept. */
  differences: string[];
};

/** The survivor's empty details that a merge fills from the duplicate, by label. */
const FILLABLE = {
  dateOfBirth: "Date of birth",
  gender: "Gender",
  phone: "Telephone",
  email: "Email",
  addressId: "Address",
  ethnicity: "Ethnicity",
  isRaciallyMinoritised: "Racially minoritised",
  isLgbt: "LGBT+",
  hasDisability: "Disability",
  notes: "Notes",
} as const;
type Fillable = keyof typeof FILLABLE;

const MERGE_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  version: true,
  mergedIntoId: true,
  ...pick(Object.keys(FILLABLE) as Fillable[]),
  address: { select: { addressLine1: true, town: true, postcode: true } },
  aliases: { select: { firstName: true, lastName: true }, orderBy: [{ lastName: "asc" }, { id: "asc" }] },
  createdByOrg: { select: { shortName: true } },
  _count: { select: { markers: { where: { removedAt: null } } } },
} satisfies Prisma.PersonSelect;
type MergeRow = Prisma.PersonGetPayload<{ select: typeof MERGE_SELECT }>;

const isBlank = (value: unknown) => value === null || value === undefined || value === "" || value === "NOT_KNOWN";

function fillsFrom(survivor: MergeRow, duplicate: MergeRow): Fillable[] {
  return (Object.keys(FILLABLE) as Fillable[]).filter((field) => isBlank(survivor[field]) && !isBlank(duplicate[field]));
}

function differencesBetween(survivor: MergeRow, duplicate: MergeRow): string[] {
  return (["dateOfBirth", "gender", "phone", "email", "addressId"] as const)
    .filter((field) => !isBlank(survivor[field]) && !isBlank(duplicate[field]) && comparable(survivor[field]) !== comparable(duplicate[field]))
    .map((field) => FILLABLE[field]);
}

async function requireMerger(actor: Actor): Promise<void> {
  await requireCan(actor, "person:merge", () => new ForbiddenError("Only managers can merge profiles"));
}

/** Both profiles as the check page shows them, with what the merge will move and fill in. */
export async function getMergePreview(actor: Actor, survivorId: string, duplicateId: string): Promise<MergePreview> {
  await requireMerger(actor);
  if (survivorId === duplicateId) throw new NotFoundError("person");
  await requireVisiblePerson(actor, survivorId);
  await requireVisiblePerson(actor, duplicateId);
  const [survivor, duplicate] = await Promise.all([mergeSide(actor, survivorId), mergeSide(actor, duplicateId)]);
  // The check page shows both profiles' details: both are views.
  await auditView(actor, ENTITY, survivorId);
  await auditView(actor, ENTITY, duplicateId);
  return {
    survivor: survivor.side,
    duplicate: duplicate.side,
    filled: fillsFrom(survivor.row, duplicate.row).map((field) => FILLABLE[field]),
    differences: differencesBetween(survivor.row, duplicate.row),
  };
}

async function mergeSide(actor: Actor, id: string): Promise<{ row: MergeRow; side: MergeSide }> {
  const [row, incidents, cases, powers] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id }, select: MERGE_SELECT }),
    db.incident.count({ where: { AND: [visibleIncidentsWhere(actor), { people: { some: { personId: id } } }] } }),
    db.case.count({ where: { AND: [visibleCasesWhere(actor), { people: { some: { personId: id, removedAt: null } } }] } }),
    db.powerUse.count({ where: { AND: [{ subjectPersonId: id }, visiblePowersWhere(actor)] } }),
  ]);
  const address = row.address ? [row.address.addressLine1, row.address.town, row.address.postcode].filter(Boolean).join(", ") : null;
  return {
    row,
    side: {
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
      phone: row.phone,
      address,
      aliases: row.aliases.map(aliasText),
      createdBy: row.createdByOrg.shortName,
      version: row.version,
      visible: { incidents, cases, powers },
      markers: row._count.markers,
    },
  };
}

/** How many links of each kind a merge moved from the duplicate to the surviving profile. */
export type MergeMoved = {
  incidents: number;
  cases: number;
  powers: number;
  riskAssessments: number;
  referralsAsVictim: number;
  referralsAsPerpetrator: number;
  communityTriggers: number;
  vulnerabilityMarkers: number;
  aliases: number;
  earlierMerges: number;
};

/**
 * Merges the duplicate profile into the survivor, in one transaction: every link moves to the
 * survivor (a link the survivor already has, such as the same role in the same incident, is kept
 * once), the duplicate's names become aliases, the survivor's empty details are filled from the
 * duplicate, and the duplicate remains as a tombstone pointing at the survivor. Both profiles
 * must be visible to the manager and unchanged since the check page (versions), or nothing happens.
 */
export async function mergePeople(actor: Actor, input: TMergePeople): Promise<{ survivorId: string; moved: MergeMoved }> {
  await requireMerger(actor);
  const { survivorId, duplicateId } = input;
  if (survivorId === duplicateId) throw new NotFoundError("person");
  await requireVisiblePerson(actor, survivorId);
  await requireVisiblePerson(actor, duplicateId);

  return db.$transaction(
    async (tx) => {
      // Both rows locked, in one order for every merge, so two merges of the same pair queue.
      await tx.$queryRaw`SELECT id FROM "Person" WHERE id IN (${survivorId}::uuid, ${duplicateId}::uuid) ORDER BY id FOR UPDATE`;
      const survivor = await tx.person.findUniqueOrThrow({ where: { id: survivorId }, select: MERGE_SELECT });
      const duplicate = await tx.person.findUniqueOrThrow({ where: { id: duplicateId }, select: MERGE_SELECT });
      if (survivor.mergedIntoId || duplicate.mergedIntoId || survivor.version !== input.survivorVersion || duplicate.version !== input.duplicateVersion) {
        throw new ConflictError("One of these profiles was changed while you were checking them. Check them again before merging.");
      }

      const moved = await moveLinks(tx, survivorId, duplicateId);
      const aliases = await mergeAliases(tx, survivor, duplicate);
      moved.aliases = aliases.moved;
      const filled = fillsFrom(survivor, duplicate);
      const now = new Date();

      await tx.person.update({
        where: { id: survivorId },
        data: {
          ...Object.fromEntries(filled.map((field) => [field, duplicate[field]])),
          ...(filled.includes("notes") ? {} : mergedNotes(survivor.notes, duplicate.notes)),
          searchText: personSearchText(survivor.firstName, survivor.lastName, aliases.all),
          version: { increment: 1 },
        },
      });
      await tx.person.update({ where: { id: duplicateId }, data: { mergedIntoId: survivorId, mergedAt: now, version: { increment: 1 } } });

      const audit = { action: "UPDATE" as const, userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY };
      await recordAudit(tx, { ...audit, entityId: survivorId, detail: { merge: "kept", mergedPersonId: duplicateId, moved, filled } });
      await recordAudit(tx, { ...audit, entityId: duplicateId, detail: { merge: "merged away", mergedIntoId: survivorId } });
      return { survivorId, moved };
    },
    { timeout: 30_000 },
  );
}

/** Both notes kept when both profiles have some (free text is never thrown away). */
function mergedNotes(survivorNotes: string | null, duplicateNotes: string | null): { notes?: string } {
  if (!duplicateNotes || !survivorNotes || survivorNotes.includes(duplicateNotes)) return {};
  return { notes: `${survivorNotes}\n\nFrom the merged profile: ${duplicateNotes}` };
}

async function moveLinks(tx: Tx, survivorId: string, duplicateId: string): Promise<MergeMoved> {
  // Involvements are keyed (record, person, role): the survivor may already be in the same record
  // with the same role. Copy what is new, then drop the duplicate's rows.
  const incidentIds = await tx.$queryRaw<{ incidentId: string }[]>`
    SELECT DISTINCT "incidentId" FROM "IncidentPerson" WHERE "personId" = ${duplicateId}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "IncidentPerson" ("incidentId", "personId", "role")
    SELECT "incidentId", ${survivorId}::uuid, "role" FROM "IncidentPerson" WHERE "personId" = ${duplicateId}::uuid
    ON CONFLICT DO NOTHING`;
  const incidents = await tx.incidentPerson.deleteMany({ where: { personId: duplicateId } });
  // An incident form opened before the merge must not put the tombstone back: its save now conflicts.
  await tx.incident.updateMany({ where: { id: { in: incidentIds.map((row) => row.incidentId) } }, data: { version: { increment: 1 } } });

  await tx.$executeRaw`
    INSERT INTO "CasePerson" ("caseId", "personId", "role", "addedAt", "removedAt")
    SELECT "caseId", ${survivorId}::uuid, "role", "addedAt", "removedAt" FROM "CasePerson" WHERE "personId" = ${duplicateId}::uuid
    ON CONFLICT ("caseId", "personId", "role") DO UPDATE SET
      "addedAt" = LEAST("CasePerson"."addedAt", EXCLUDED."addedAt"),
      "removedAt" = CASE WHEN "CasePerson"."removedAt" IS NULL OR EXCLUDED."removedAt" IS NULL THEN NULL
                         ELSE GREATEST("CasePerson"."removedAt", EXCLUDED."removedAt") END`;
  const cases = await tx.casePerson.deleteMany({ where: { personId: duplicateId } });

  // One statement at a time: a transaction is one connection.
  const powers = await tx.powerUse.updateMany({ where: { subjectPersonId: duplicateId }, data: { subjectPersonId: survivorId, version: { increment: 1 } } });
  const riskAssessments = await tx.riskAssessment.updateMany({ where: { personId: duplicateId }, data: { personId: survivorId } });
  const referralsAsVictim = await tx.referral.updateMany({ where: { victimPersonId: duplicateId }, data: { victimPersonId: survivorId, version: { increment: 1 } } });
  const referralsAsPerpetrator = await tx.referral.updateMany({
    where: { perpetratorPersonId: duplicateId },
    data: { perpetratorPersonId: survivorId, version: { increment: 1 } },
  });
  const communityTriggers = await tx.communityTrigger.updateMany({ where: { applicantPersonId: duplicateId }, data: { applicantPersonId: survivorId } });
  const vulnerabilityMarkers = await tx.vulnerabilityMarker.updateMany({ where: { personId: duplicateId }, data: { personId: survivorId } });
  // Profiles merged into the duplicate earlier now lead straight to the survivor.
  const earlierMerges = await tx.person.updateMany({ where: { mergedIntoId: duplicateId }, data: { mergedIntoId: survivorId } });
  return {
    incidents: incidents.count,
    cases: cases.count,
    powers: powers.count,
    riskAssessments: riskAssessments.count,
    referralsAsVictim: referralsAsVictim.count,
    referralsAsPerpetrator: referralsAsPerpetrator.count,
    communityTriggers: communityTriggers.count,
    vulnerabilityMarkers: vulnerabilityMarkers.count,
    aliases: 0,
    earlierMerges: earlierMerges.count,
  };
}

/**
 * The duplicate's aliases move to the survivor and its own name becomes one; a name the survivor
 * already has (as its name or an alias) is not repeated.
 */
async function mergeAliases(tx: Tx, survivor: MergeRow, duplicate: MergeRow): Promise<{ moved: number; all: AliasName[] }> {
  const moved = await tx.personAlias.updateMany({ where: { personId: duplicate.id }, data: { personId: survivor.id } });
  const aliases = await tx.personAlias.findMany({ where: { personId: survivor.id }, select: { id: true, firstName: true, lastName: true }, orderBy: { id: "asc" } });
  const seen = new Set([searchText(survivor.firstName, survivor.lastName)]);
  const all: AliasName[] = [];
  const repeats: string[] = [];
  for (const alias of aliases) {
    const key = searchText(alias.firstName, alias.lastName);
    if (seen.has(key)) repeats.push(alias.id);
    else {
      seen.add(key);
      all.push({ firstName: alias.firstName, lastName: alias.lastName });
    }
  }
  if (repeats.length > 0) await tx.personAlias.deleteMany({ where: { id: { in: repeats } } });
  const duplicateName: AliasName = { firstName: duplicate.firstName, lastName: duplicate.lastName };
  if (!seen.has(searchText(duplicate.firstName, duplicate.lastName))) {
    await tx.personAlias.create({ data: { personId: survivor.id, ...aliasRows([duplicateName])[0]! } });
    all.push(duplicateName);
  }
  return { moved: moved.count, all };
}
