import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { db } from "@/lib/db";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { fromLondonLocal } from "@/lib/format/dates";
import type { AsbCategory, AsbType, CaseKind, CaseStatus, PowerStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visiblePowersWhere } from "@/lib/powers/access";
import { expireDuePowers } from "@/lib/powers/data";

// The partner API's lists: keyset pages in id order, newest first (ids are UUIDv7, so by
// creation), `after` the last id of the page before. Who sees what is the domains' own rule
// (visibleIncidentsWhere, visibleCasesWhere, visiblePowersWhere), as on the pages.

type Window = { after: string | null; take: number };

function londonDay(text: string, after = 0): Date {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  return fromLondonLocal(year, month, day + after);
}

export type IncidentListFilters = {
  category?: AsbCategory;
  type?: AsbType;
  /** London days, YYYY-MM-DD, inclusive. */
  occurredFrom?: string;
  occurredTo?: string;
  caseId?: string;
};

export function incidentsPage(actor: Actor, filters: IncidentListFilters, { after, take }: Window) {
  const where: Prisma.IncidentWhereInput = {
    AND: [
      visibleIncidentsWhere(actor),
      filters.category ? { category: filters.category } : {},
      filters.type ? { type: filters.type } : {},
      filters.occurredFrom ? { occurredAt: { gte: londonDay(filters.occurredFrom) } } : {},
      filters.occurredTo ? { occurredAt: { lt: londonDay(filters.occurredTo, 1) } } : {},
      filters.caseId ? { caseId: filters.caseId } : {},
      after ? { id: { lt: after } } : {},
    ],
  };
  return db.incident.findMany({
    where,
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      reference: true,
      version: true,
      occurredAt: true,
      reportedAt: true,
      category: true,
      type: true,
      riskLevel: true,
      updatedAt: true,
      reportingOrganisation: { select: { id: true, name: true } },
    },
  });
}

export function casesPage(actor: Actor, filters: { status?: CaseStatus; kind?: CaseKind }, { after, take }: Window) {
  const where: Prisma.CaseWhereInput = {
    AND: [
      visibleCasesWhere(actor),
      filters.status ? { status: filters.status } : {},
      filters.kind ? { kind: filters.kind } : {},
      after ? { id: { lt: after } } : {},
    ],
  };
  return db.case.findMany({
    where,
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      reference: true,
      version: true,
      title: true,
      kind: true,
      status: true,
      riskLevel: true,
      restricted: true,
      openedAt: true,
      updatedAt: true,
      leadOrganisation: { select: { id: true, name: true } },
    },
  });
}

/** Powers past their expiry date are marked expired first, as the register does before listing. */
export async function powersPage(actor: Actor, filters: { status?: PowerStatus; kindId?: string }, { after, take }: Window) {
  await expireDuePowers();
  const where: Prisma.PowerUseWhereInput = {
    AND: [
      visiblePowersWhere(actor),
      filters.status ? { status: filters.status } : {},
      filters.kindId ? { kindId: filters.kindId } : {},
      after ? { id: { lt: after } } : {},
    ],
  };
  return db.powerUse.findMany({
    where,
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      reference: true,
      version: true,
      status: true,
      issuedAt: true,
      expiresAt: true,
      kind: { select: { id: true, code: true, name: true } },
      issuingOrganisation: { select: { id: true, name: true } },
    },
  });
}
