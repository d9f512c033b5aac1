import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visiblePeopleWhere } from "@/lib/people/access";
import { alertsFor, type PersonAlerts } from "@/lib/people/alerts";
import { isEmptySearch, type PeopleSearchQuery } from "@/lib/people/schema";
import { pageOf, type Page } from "@/lib/list";

// Finding people by name and date of birth: the people search page and the incident form's person
// picker. The best matches are ranked first, then visiblePeopleWhere keeps those the actor may see.

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
export async function rankCandidates(query: PeopleSearchQuery): Promise<Candidate[]> {
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
  return rows.map((row) => ({
    id: row.id,
    score: Number(row.score),
    closeness: Number(row.closeness),
    dobMatch: row.dobMatch,
    aliases: row.aliases ?? [],
  }));
}

const RESULT_SELECT = { id: true, firstName: true, lastName: true, dateOfBirth: true } satisfies Prisma.PersonSelect;
type ResultRow = Prisma.PersonGetPayload<{ select: typeof RESULT_SELECT }>;

/**
 * The candidates the actor may see, in rank order, until `needed` are found. The visibility rule
 * is visiblePeopleWhere itself, applied to a batch of ids at a time.
 */
export async function visibleInRankOrder(actor: Actor, candidates: Candidate[], needed: number): Promise<(Candidate & ResultRow)[]> {
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

export async function withAlerts(rows: (Candidate & ResultRow)[]): Promise<PersonSearchResult[]> {
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
