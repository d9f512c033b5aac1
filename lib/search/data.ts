import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { auditRefusal } from "@/lib/audit/data";
import { visibleIncidentsWhere } from "@/lib/cases/access";
import { findCaseIdByReference, listCases, type CaseListRow } from "@/lib/cases/data";
import { minutesReadableWhere, visibleMeetingsWhere } from "@/lib/meetings/access";
import { searchPeople, type PersonSearchResult } from "@/lib/people/data";
import { searchPlaces, type PlaceListItem } from "@/lib/places/data";
import { visiblePowersWhere } from "@/lib/powers/access";
import { visibleReferralsWhere } from "@/lib/referrals/access";
import { searchText } from "@/lib/search-text";
import type { Reference } from "./everything";

// The header's search (the /search page). It decides nothing about who may see what: a reference
// is looked up through each domain's own visibility rule, and names, addresses and titles through
// the same searches as the people, places and cases pages. A record the actor may not see is
// answered exactly as one that does not exist (null), and either refusal is audited, as opening a
// record by its id is (lib/audit auditRefusal).

/** Where a reference leads: the record's page. */
export type FoundRecord = { href: string; reference: string };

type Lookup = {
  entity: string;
  /** The id of the record with this reference if the actor may see it, and its page. */
  visible: (actor: Actor, reference: string) => Promise<string | null>;
  /** The record with this reference, whoever may see it (the audit of a refusal names it). */
  exists: (reference: string) => Promise<{ id: string } | null>;
};

const LOOKUPS: Record<Reference["prefix"], Lookup> = {
  INC: {
    entity: "Incident",
    visible: async (actor, reference) =>
      page(
        "/incidents",
        await db.incident.findFirst({ where: { AND: [{ reference }, visibleIncidentsWhere(actor)] }, select: { id: true } }),
      ),
    exists: (reference) => db.incident.findUnique({ where: { reference }, select: { id: true } }),
  },
  CASE: {
    entity: "Case",
    visible: async (actor, reference) => {
      const id = await findCaseIdByReference(actor, reference);
      return page("/cases", id ? { id } : null);
    },
    exists: (reference) => db.case.findUnique({ where: { reference }, select: { id: true } }),
  },
  PWR: {
    entity: "PowerUse",
    visible: async (actor, reference) =>
      page("/powers", await db.powerUse.findFirst({ where: { AND: [{ reference }, visiblePowersWhere(actor)] }, select: { id: true } })),
    exists: (reference) => db.powerUse.findUnique({ where: { reference }, select: { id: true } }),
  },
  REF: {
    entity: "Referral",
    visible: async (actor, reference) =>
      page(
        "/referrals",
        await db.referral.findFirst({ where: { AND: [{ reference }, visibleReferralsWhere(actor)] }, select: { id: true } }),
      ),
    exists: (reference) => db.referral.findUnique({ where: { reference }, select: { id: true } }),
  },
  MTG: {
    entity: "Meeting",
    visible: async (actor, reference) => {
      const meeting = await db.meeting.findFirst({ where: { AND: [{ reference }, visibleMeetingsWhere(actor)] }, select: { id: true } });
      if (meeting) return `/meetings/${meeting.id}`;
      // A partner off the panel reads a closed CCM meeting's minutes for its own cases, nothing more.
      const minutes = await db.meeting.findFirst({ where: { AND: [{ reference }, minutesReadableWhere(actor)] }, select: { id: true } });
      return minutes ? `/meetings/${minutes.id}/minutes` : null;
    },
    exists: (reference) => db.meeting.findUnique({ where: { reference }, select: { id: true } }),
  },
  PSPO: {
    entity: "Pspo",
    // The PSPO register is public within the partnership: everyone who reads powers reads it.
    visible: async (actor, reference) =>
      can(actor, "power:read") ? page("/powers/pspos", await db.pspo.findUnique({ where: { reference }, select: { id: true } })) : null,
    exists: (reference) => db.pspo.findUnique({ where: { reference }, select: { id: true } }),
  },
};

function page(base: string, row: { id: string } | null): string | null {
  return row ? `${base}/${row.id}` : null;
}

/**
 * The record with this reference, if the actor may see it. Null when there is none or it is
 * hidden from the actor: the caller cannot tell which, and neither can the user.
 */
export async function findRecordByReference(actor: Actor, { prefix, reference }: Reference): Promise<FoundRecord | null> {
  const lookup = LOOKUPS[prefix];
  const href = await lookup.visible(actor, reference);
  if (href) return { href, reference };
  // Audited whether or not the record exists (a guessed reference under its own name), so a
  // hidden record's reference costs the same work, and takes as long, as one that names nothing.
  const hidden = await lookup.exists(reference);
  await auditRefusal(actor, lookup.entity, hidden?.id ?? reference);
  return null;
}

/** How many of each kind the results page lists; "See all" leads to that kind's own search. */
export const GROUP_LIMIT = 10;

/** `limited`: only the closest candidates were ranked (the people search), so the total is theirs, not every match's. */
export type ResultGroup<T> = { rows: T[]; total: number; totalCapped: boolean; limited?: boolean };

export type EverythingResults = {
  people: ResultGroup<PersonSearchResult>;
  places: ResultGroup<PlaceListItem>;
  cases: ResultGroup<CaseListRow>;
};

/**
 * People, places and cases the actor may see that match the text: the people search (names and
 * aliases, fuzzily), the place search (a postcode, or words of the address) and the case list's
 * text filter (a reference or words of the title). Each says nothing for a permission the actor
 * lacks.
 */
export async function searchEverything(actor: Actor, text: string): Promise<EverythingResults> {
  const first = { page: 1, pageSize: GROUP_LIMIT };
  const [people, places, cases] = await Promise.all([
    searchPeople(actor, { text: searchText(text), dateOfBirth: null }, first),
    searchPlaces(actor, { q: text, ...first }),
    listCases(actor, { text }, { ...first, skip: 0, sort: "updated", dir: "desc" }),
  ]);
  const group = <T>(p: { rows: T[]; total: number; totalCapped: boolean }): ResultGroup<T> => ({
    rows: p.rows,
    total: p.total,
    totalCapped: p.totalCapped,
  });
  return { people: { ...group(people), limited: people.limited }, places: group(places), cases: group(cases) };
}
