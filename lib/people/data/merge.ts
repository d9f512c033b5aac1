import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Gender } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange, auditView } from "@/lib/audit/data";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { visiblePowersWhere } from "@/lib/powers/access";
import { aliasText, type AliasName, type TMergePeople } from "@/lib/people/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { searchText } from "@/lib/search-text";
import { requireCan } from "@/lib/auth/refuse";
import { PERSON_DETAIL_LABELS } from "@/lib/people/labels";
import { aliasRows, comparable, ENTITY, personSearchText, pick, requireVisiblePerson } from "./shared";

// Merging two profiles of one person (managers only): the check page's preview, then the merge.

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

/** The survivor's empty details that a merge fills from the duplicate (named by PERSON_DETAIL_LABELS). */
const FILLABLE = [
  "dateOfBirth",
  "gender",
  "phone",
  "email",
  "addressId",
  "ethnicity",
  "isRaciallyMinoritised",
  "isLgbt",
  "hasDisability",
  "notes",
] as const;
type Fillable = (typeof FILLABLE)[number];

const MERGE_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  version: true,
  mergedIntoId: true,
  ...pick(FILLABLE),
  address: { select: { addressLine1: true, town: true, postcode: true } },
  aliases: { select: { firstName: true, lastName: true }, orderBy: [{ lastName: "asc" }, { id: "asc" }] },
  createdByOrg: { select: { shortName: true } },
  _count: { select: { markers: { where: { removedAt: null } } } },
} satisfies Prisma.PersonSelect;
type MergeRow = Prisma.PersonGetPayload<{ select: typeof MERGE_SELECT }>;

const isBlank = (value: unknown) => value === null || value === undefined || value === "" || value === "NOT_KNOWN";

function fillsFrom(survivor: MergeRow, duplicate: MergeRow): Fillable[] {
  return FILLABLE.filter((field) => isBlank(survivor[field]) && !isBlank(duplicate[field]));
}

function differencesBetween(survivor: MergeRow, duplicate: MergeRow): string[] {
  return (["dateOfBirth", "gender", "phone", "email", "addressId"] as const)
    .filter(
      (field) => !isBlank(survivor[field]) && !isBlank(duplicate[field]) && comparable(survivor[field]) !== comparable(duplicate[field]),
    )
    .map((field) => PERSON_DETAIL_LABELS[field]);
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
    filled: fillsFrom(survivor.row, duplicate.row).map((field) => PERSON_DETAIL_LABELS[field]),
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
      if (
        survivor.mergedIntoId ||
        duplicate.mergedIntoId ||
        survivor.version !== input.survivorVersion ||
        duplicate.version !== input.duplicateVersion
      ) {
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

      await auditChange(tx, actor, "UPDATE", ENTITY, survivorId, { merge: "kept", mergedPersonId: duplicateId, moved, filled });
      await auditChange(tx, actor, "UPDATE", ENTITY, duplicateId, { merge: "merged away", mergedIntoId: survivorId });
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
  const powers = await tx.powerUse.updateMany({
    where: { subjectPersonId: duplicateId },
    data: { subjectPersonId: survivorId, version: { increment: 1 } },
  });
  const riskAssessments = await tx.riskAssessment.updateMany({ where: { personId: duplicateId }, data: { personId: survivorId } });
  const referralsAsVictim = await tx.referral.updateMany({
    where: { victimPersonId: duplicateId },
    data: { victimPersonId: survivorId, version: { increment: 1 } },
  });
  const referralsAsPerpetrator = await tx.referral.updateMany({
    where: { perpetratorPersonId: duplicateId },
    data: { perpetratorPersonId: survivorId, version: { increment: 1 } },
  });
  const communityTriggers = await tx.communityTrigger.updateMany({
    where: { applicantPersonId: duplicateId },
    data: { applicantPersonId: survivorId },
  });
  const vulnerabilityMarkers = await tx.vulnerabilityMarker.updateMany({
    where: { personId: duplicateId },
    data: { personId: survivorId },
  });
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
  const aliases = await tx.personAlias.findMany({
    where: { personId: survivor.id },
    select: { id: true, firstName: true, lastName: true },
    orderBy: { id: "asc" },
  });
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
