import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { visiblePlacesWhere } from "@/lib/places/access";
import { visiblePowersWhere } from "@/lib/powers/access";
import { POWER_ROW_SELECT, powerListRow, type PowerListRow } from "@/lib/powers/rows";
import { auditChange, auditView } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import type { CreatePspoInput } from "./schema";
import { pspoStatusOn, type PspoStatus } from "./status";
import { requireCan } from "@/lib/auth/refuse";

// The register of Public Spaces Protection Orders (Part 4, Chapter 2 of the 2014 Act).
//
// WHO SEES A PSPO: PSPOs are public orders, so everyone with power:read lists and opens them.
// The FPNs issued under one are powers used, and are listed only through visiblePowersWhere:
// a PSPO's page never shows, or counts, a fixed penalty notice its viewer may not see.
// WHO MAKES ONE: users with power:write; the making organisation is always the actor's.

const ENTITY = "Pspo";

export const PSPO_SORTS = ["starts", "ends", "reference", "name"] as const;
export type PspoSort = (typeof PSPO_SORTS)[number];

/** Sorting of the FPNs listed on a PSPO's page. */
export const PSPO_FPN_SORTS = ["issued"] as const;

const placeText = (l: { addressLine1: string; town: string; postcode: string | null }) =>
  [l.addressLine1, l.town, l.postcode].filter(Boolean).join(", ");

/**
 * Records a PSPO made by the actor's organisation, once per `submissionKey`: reference
 * PSPO-<year it starts>-<6 digits> and its audit entry in one transaction.
 */
export async function createPspo(actor: Actor, input: CreatePspoInput, submissionKey: string): Promise<{ id: string; duplicate: boolean }> {
  await requireCan(actor, "power:write", () => new ForbiddenError("You do not have permission to record PSPOs"));
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    if (input.locationId) {
      const place = await tx.location.count({ where: { AND: [{ id: input.locationId }, visiblePlacesWhere(actor)] } });
      if (place === 0) throw new ValidationError({ locationId: ["Select the place from the list"] });
    }
    // The year the order starts, as every reference carries the year of what it records.
    const reference = await nextReference(tx, "PSPO", input.startsOn);
    const pspo = await tx.pspo.create({
      data: { reference, ...input, organisationId: actor.organisationId },
      select: { id: true },
    });
    await auditChange(tx, actor, "CREATE", ENTITY, pspo.id, {
      reference,
      name: input.name,
      startsOn: input.startsOn.toISOString().slice(0, 10),
      endsOn: input.endsOn.toISOString().slice(0, 10),
      locationId: input.locationId,
    });
    return pspo.id;
  });
}

export type PspoListRow = {
  id: string;
  reference: string;
  name: string;
  area: string;
  organisation: { shortName: string };
  startsOn: Date;
  endsOn: Date;
  status: PspoStatus;
};

function listOrderBy(query: ListQuery<PspoSort>): Prisma.PspoOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "starts":
      return [{ startsOn: dir }, { reference: dir }];
    case "ends":
      return [{ endsOn: dir }, { reference: dir }];
    case "reference":
      return [{ reference: dir }];
    case "name":
      return [{ name: dir }, { reference: dir }];
  }
}

/** One page of the PSPO register, sorted on the server; the status is computed from the dates. */
export async function listPspos(actor: Actor, query: ListQuery<PspoSort>, now = new Date()): Promise<Page<PspoListRow>> {
  if (!can(actor, "power:read")) return pageOf([], 0, query);
  const [rows, counted] = await Promise.all([
    db.pspo.findMany({
      orderBy: listOrderBy(query),
      skip: query.skip,
      take: query.pageSize,
      select: {
        id: true,
        reference: true,
        name: true,
        area: true,
        startsOn: true,
        endsOn: true,
        organisation: { select: { shortName: true } },
      },
    }),
    db.pspo.count({ take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map((r) => ({ ...r, status: pspoStatusOn(r, now) })),
    counted,
    query,
  );
}

export type PspoChoice = { id: string; reference: string; name: string; startsOn: string; endsOn: string };

/** The PSPOs an FPN can be linked to, with their dates (YYYY-MM-DD) so the form can offer those in force on the issue date. */
export async function pspoChoices(actor: Actor): Promise<PspoChoice[]> {
  if (!can(actor, "power:write")) return [];
  const rows = await db.pspo.findMany({
    orderBy: [{ name: "asc" }, { reference: "asc" }],
    select: { id: true, reference: true, name: true, startsOn: true, endsOn: true },
  });
  return rows.map((r) => ({ ...r, startsOn: r.startsOn.toISOString().slice(0, 10), endsOn: r.endsOn.toISOString().slice(0, 10) }));
}

export type PspoDetail = PspoListRow & {
  prohibitions: string;
  place: string | null;
  organisation: { name: string; shortName: string };
  /** The FPNs under it that the viewer may see, one page; the total counts only those. */
  fpns: Page<PowerListRow>;
};

/** One PSPO with the FPNs issued under it that the actor may see. The view is audited. */
export async function getPspo(
  actor: Actor,
  id: string,
  fpnQuery: ListQuery<(typeof PSPO_FPN_SORTS)[number]>,
  now = new Date(),
): Promise<PspoDetail> {
  if (!can(actor, "power:read") || !isUuid(id)) throw new NotFoundError("PSPO");
  const p = await db.pspo.findUnique({
    where: { id },
    select: {
      id: true,
      reference: true,
      name: true,
      area: true,
      prohibitions: true,
      startsOn: true,
      endsOn: true,
      organisation: { select: { name: true, shortName: true } },
      location: { select: { addressLine1: true, town: true, postcode: true } },
    },
  });
  if (!p) throw new NotFoundError("PSPO");
  const where: Prisma.PowerUseWhereInput = { AND: [{ pspoId: p.id }, visiblePowersWhere(actor)] };
  const [fpns, counted] = await Promise.all([
    db.powerUse.findMany({
      where,
      orderBy: [{ issuedAt: fpnQuery.dir }, { id: fpnQuery.dir }],
      skip: fpnQuery.skip,
      take: fpnQuery.pageSize,
      select: POWER_ROW_SELECT,
    }),
    db.powerUse.count({ where, take: COUNT_CAP + 1 }),
  ]);
  await auditView(actor, ENTITY, p.id);
  const { location, ...rest } = p;
  return {
    ...rest,
    status: pspoStatusOn(p, now),
    place: location ? placeText(location) : null,
    fpns: pageOf(
      fpns.map((f) => powerListRow(f, now)),
      counted,
      fpnQuery,
    ),
  };
}
