import "server-only";
import { db, type Tx } from "@/lib/db";
import { auditChange } from "@/lib/audit/data";
import { isUuid } from "@/lib/not-found";
import { mfaRequiredForAll } from "@/lib/auth/data";
import { MFA_REQUIRED_FOR_ALL_SETTING } from "@/lib/auth/policy";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import type { OrganisationInput } from "@/lib/organisations/schema";
import { requireCan } from "@/lib/auth/refuse";

// Organisations in the partnership: administrators only. Deactivating one stops its users signing
// in and ends their open sessions on their next request (lib/auth/data.ts checks it every time).

async function requireOrganisationAdmin(actor: Actor): Promise<void> {
  await requireCan(actor, "admin:organisations", () => new NotFoundError("organisation"));
}

function auditOrganisation(tx: Tx, actor: Actor, organisationId: string, action: "CREATE" | "UPDATE", detail: Record<string, unknown>) {
  return auditChange(tx, actor, action, "Organisation", organisationId, detail);
}

export type OrganisationRow = {
  id: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  active: boolean;
  mfaRequired: boolean;
  emailDomains: string[];
  activeUsers: number;
  version: number;
};

export async function listOrganisations(actor: Actor): Promise<OrganisationRow[]> {
  await requireOrganisationAdmin(actor);
  const rows = await db.organisation.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    include: { _count: { select: { users: { where: { active: true } } } } },
  });
  return rows.map(rowOf);
}

export async function getOrganisation(actor: Actor, organisationId: string): Promise<OrganisationRow> {
  await requireOrganisationAdmin(actor);
  if (!isUuid(organisationId)) throw new NotFoundError("organisation");
  const o = await db.organisation.findUnique({
    where: { id: organisationId },
    include: { _count: { select: { users: { where: { active: true } } } } },
  });
  if (!o) throw new NotFoundError("organisation");
  return rowOf(o);
}

type LoadedOrganisation = {
  id: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  active: boolean;
  mfaRequired: boolean;
  emailDomains: string[];
  version: number;
  _count: { users: number };
};

function rowOf(o: LoadedOrganisation): OrganisationRow {
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    active: o.active,
    mfaRequired: o.mfaRequired,
    emailDomains: o.emailDomains,
    activeUsers: o._count.users,
    version: o.version,
  };
}

async function checkUnique(input: OrganisationInput, exceptId?: string) {
  const clash = await db.organisation.findFirst({
    where: {
      OR: [{ name: { equals: input.name, mode: "insensitive" } }, { shortName: { equals: input.shortName, mode: "insensitive" } }],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { name: true, shortName: true },
  });
  if (!clash) return;
  const errors: Record<string, string[]> = {};
  if (clash.name.toLowerCase() === input.name.toLowerCase()) errors.name = ["An organisation with this name already exists"];
  if (clash.shortName.toLowerCase() === input.shortName.toLowerCase())
    errors.shortName = ["An organisation with this short name already exists"];
  throw new ValidationError(errors);
}

export async function createOrganisation(actor: Actor, input: OrganisationInput): Promise<{ id: string }> {
  await requireOrganisationAdmin(actor);
  await checkUnique(input);
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.create({
      data: {
        name: input.name,
        shortName: input.shortName,
        kind: input.kind,
        mfaRequired: input.mfaRequired,
        emailDomains: input.emailDomains,
      },
    });
    await auditOrganisation(tx, actor, organisation.id, "CREATE", { change: "organisation created", ...input });
    return { id: organisation.id };
  });
}

/** Renames, changes the kind or the two-factor requirement (optimistic: `version` must match). */
export async function updateOrganisation(actor: Actor, organisationId: string, version: number, input: OrganisationInput): Promise<void> {
  const before = await getOrganisation(actor, organisationId);
  await checkUnique(input, organisationId);
  await db.$transaction(async (tx) => {
    const updated = await tx.organisation.updateMany({
      where: { id: organisationId, version },
      data: {
        name: input.name,
        shortName: input.shortName,
        kind: input.kind,
        mfaRequired: input.mfaRequired,
        emailDomains: input.emailDomains,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1)
      throw new ConflictError("Someone else changed this organisation while you were editing. Check the details and try again");
    await auditOrganisation(tx, actor, organisationId, "UPDATE", {
      change: "organisation changed",
      before: {
        name: before.name,
        shortName: before.shortName,
        kind: before.kind,
        mfaRequired: before.mfaRequired,
        emailDomains: before.emailDomains,
      },
      after: input,
    });
  });
}

export async function setOrganisationActive(actor: Actor, organisationId: string, active: boolean): Promise<void> {
  await getOrganisation(actor, organisationId);
  if (!active && organisationId === actor.organisationId) throw new ForbiddenError("You cannot deactivate your own organisation");
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: organisationId }, data: { active, version: { increment: 1 } } });
    if (!active) {
      await tx.userSession.updateMany({ where: { user: { organisationId }, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    await auditOrganisation(tx, actor, organisationId, "UPDATE", {
      change: active ? "organisation reactivated" : "organisation deactivated",
    });
  });
}

export async function getMfaRequiredForAll(actor: Actor): Promise<boolean> {
  await requireOrganisationAdmin(actor);
  return mfaRequiredForAll();
}

/** Makes two-factor sign-in compulsory for every user (those without it are sent to set it up). */
export async function setMfaRequiredForAll(actor: Actor, required: boolean): Promise<void> {
  await requireOrganisationAdmin(actor);
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: MFA_REQUIRED_FOR_ALL_SETTING },
      create: { key: MFA_REQUIRED_FOR_ALL_SETTING, value: required },
      update: { value: required },
    });
    await auditChange(tx, actor, "UPDATE", "Setting", MFA_REQUIRED_FOR_ALL_SETTING, {
      change: "two-factor sign-in for everyone",
      required,
    });
  });
}
