import "server-only";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/unique-violation";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PowerStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, rolesWith } from "@/lib/auth/permissions";
import { caseRightsOf, visibleCasesWhere } from "@/lib/cases/access";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange, auditRefusal, auditView } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, fromLondonLocal, londonDateParts, londonToday } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { pspoChoices, type PspoChoice } from "@/lib/pspos/data";
import { notInForceReason, PSPO_FPN_KIND_CODE } from "@/lib/pspos/status";
import { visiblePowersWhere } from "./access";
import { personName, POWER_ROW_SELECT, powerListRow, subjectOf, type PowerListRow } from "./rows";
import {
  changeNotBefore,
  checkTransition,
  choicesNow,
  effectiveStatus,
  EXPIRING_STATUSES,
  FINAL_STATUSES,
  inForceOn,
  POWER_STATUS_LABELS,
  statusAt,
} from "./lifecycle";
import type { PowerFilters, PowerSort } from "./filters";
import type { BreachInput, IssuePowerInput, PowerKindInput, PowerStatusInput } from "./schema";
import { BREACH_ACTION_LABELS } from "./schema";
import { requireCan } from "@/lib/auth/refuse";
import { happenedAt, recordedLater } from "@/lib/history/happened";
import { notify } from "@/lib/notifications/data/outbox";
import { importedFrom, type ImportedFrom } from "@/lib/imports/data/provenance";

// The tools and powers register.
//
// WHO SEES A POWER: its issuing organisation, and whoever may see the case it was used in
// (lib/powers/access visiblePowersWhere). Anything else answers NotFoundError, like a missing
// power, and the refusal is audited.
// WHO CHANGES IT: users with power:write in the issuing organisation (status changes, breaches).
// The issuing organisation is always the actor's: never taken from the form.
//
// Every write puts the power, its status history, its case timeline entry (when it is linked to a
// case) and its audit entry in one transaction. Powers past their expiry date are marked EXPIRED
// by expireDuePowers, run lazily before the register is read.

const ENTITY = "PowerUse";
const PSPO_FPN_NAME = "fixed penalty notice for breach of a PSPO";

export class PowerChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("Someone else changed this power while you were working on it. Check its status and try again.");
    this.name = "PowerChangedError";
  }
}

/** The London midnight that starts the day `now` falls on. */
function startOfLondonDay(now: Date): Date {
  const { year, month, day } = londonDateParts(now);
  return fromLondonLocal(year, month, day);
}

/**
 * When an event known by its day alone (a power issued, a breach: stored as that day's London
 * midnight) happened, for its status history and the case timeline: now if the day is today,
 * otherwise midday London that day, so that it sorts among that day's events (lib/history).
 */
function onTheDay(day: Date, now: Date): Date {
  const { year, month, day: d } = londonDateParts(day);
  return happenedAt({ year, month, day: d }, { now });
}

const placeText = (l: { addressLine1: string; town: string; postcode: string | null }) =>
  [l.addressLine1, l.town, l.postcode].filter(Boolean).join(", ");

// ───────────────────────────── Power kinds ─────────────────────────────

/** A kind of power as the administrators' form made it, with its id and whether it is still offered. */
export type PowerKindView = PowerKindInput & { id: string; active: boolean };

const KIND_SELECT = {
  id: true,
  code: true,
  name: true,
  legalBasis: true,
  statutory: true,
  hasExpiry: true,
  needsCourt: true,
  appealable: true,
  allowsBusinessSubject: true,
  active: true,
} satisfies Prisma.PowerKindSelect;

/** The kinds of power, in the register's order. Anyone who may read powers, or manage the kinds. */
export async function listPowerKinds(actor: Actor, options: { activeOnly?: boolean } = {}): Promise<PowerKindView[]> {
  if (!can(actor, "power:read") && !can(actor, "power-kind:manage")) return [];
  return db.powerKind.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: KIND_SELECT,
  });
}

/** Adds a kind of power (the law changed): a row, not a code change. Administrators only; audited. */
export async function createPowerKind(actor: Actor, input: PowerKindInput): Promise<{ id: string }> {
  await requireCan(actor, "power-kind:manage", () => new ForbiddenError("Only administrators can add kinds of power"));
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.powerKind.aggregate({ where: { code: { not: "OTHER" } }, _max: { sortOrder: true } });
      const kind = await tx.powerKind.create({ data: { ...input, sortOrder: (last._max.sortOrder ?? 0) + 10 }, select: { id: true } });
      await auditChange(tx, actor, "CREATE", "PowerKind", kind.id, { ...input });
      return kind;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const taken = await db.powerKind.findFirst({
        where: { OR: [{ name: { equals: input.name, mode: "insensitive" } }, { code: input.code }] },
        select: { name: true, code: true },
      });
      if (taken?.code === input.code || isUniqueViolation(error, "code"))
        throw new ValidationError({ code: [`The code ${input.code} is already used. Enter a different code.`] });
      throw new ValidationError({ name: [`A kind of power called ${input.name} already exists`] });
    }
    throw error;
  }
}

// ───────────────────────────── Issuing a power ─────────────────────────────

export type IssueChoices = {
  kinds: PowerKindView[];
  officers: { id: string; name: string; jobTitle: string | null }[];
  cases: { id: string; reference: string; title: string }[];
  /** For a PSPO fixed penalty notice: the PSPOs it can be issued under. */
  pspos: PspoChoice[];
  pspoFpnKindCode: string;
};

/** How many cases the new-power form offers (the most recently changed first). */
export const CASE_CHOICES_LIMIT = 200;

function contributableCasesWhere(actor: Actor): Prisma.CaseWhereInput {
  return {
    AND: [
      visibleCasesWhere(actor),
      { status: { not: "CLOSED" } },
      {
        OR: [
          { leadOrganisationId: actor.organisationId },
          { shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } } },
          ...(chairsPanel(actor, "MARAC") ? [{ restricted: true }] : []),
        ],
      },
    ],
  };
}

const officersWhere = (actor: Actor): Prisma.UserWhereInput => ({
  organisationId: actor.organisationId,
  active: true,
  isApiClient: false,
  role: { in: rolesWith("power:write") },
});

/** What the new-power form offers: active kinds, the officers of the actor's organisation, and cases it works on. */
export async function issueChoices(actor: Actor): Promise<IssueChoices> {
  if (!can(actor, "power:write")) return { kinds: [], officers: [], cases: [], pspos: [], pspoFpnKindCode: PSPO_FPN_KIND_CODE };
  const [kinds, officers, cases, pspos] = await Promise.all([
    listPowerKinds(actor, { activeOnly: true }),
    db.user.findMany({ where: officersWhere(actor), orderBy: { name: "asc" }, select: { id: true, name: true, jobTitle: true } }),
    db.case.findMany({
      where: contributableCasesWhere(actor),
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: CASE_CHOICES_LIMIT,
      select: { id: true, reference: true, title: true },
    }),
    pspoChoices(actor),
  ]);
  return { kinds, officers, cases, pspos, pspoFpnKindCode: PSPO_FPN_KIND_CODE };
}

/** The power as it will be issued, in words: what the check page shows. */
export type IssueSummary = {
  kind: PowerKindView;
  subject: string;
  place: string | null;
  caseReference: string | null;
  officer: string;
  organisation: string;
  issuedAt: Date;
  expiresAt: Date | null;
  conditions: string | null;
  courtName: string | null;
  hearingAt: Date | null;
  /** The PSPO a PSPO fixed penalty notice was issued under. */
  pspo: { reference: string; name: string } | null;
};

/**
 * Checks the new power against the kind's rules and what the actor may use, and names everything
 * in it. Field errors are gathered and thrown together as one ValidationError.
 */
async function resolveIssue(
  tx: Tx | typeof db,
  actor: Actor,
  input: IssuePowerInput,
  now: Date,
): Promise<IssueSummary & { officerId: string; pspoId: string | null }> {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => ((errors[field] ??= []).push(message), null);

  const kind = await tx.powerKind.findFirst({ where: { id: input.kindId, active: true }, select: KIND_SELECT });
  if (!kind) fail("kindId", "Select the kind of power from the list");

  let subject = "";
  if (input.subjectType === "business") {
    if (kind && !kind.allowsBusinessSubject)
      fail("subjectType", `A ${kind.name} cannot be issued to a business or organisation. Select a person.`);
    subject = input.subjectBusinessName ?? "";
  } else if (input.subjectPersonId) {
    const person = await tx.person.findFirst({
      where: { AND: [{ id: input.subjectPersonId }, visiblePeopleWhere(actor)] },
      select: { firstName: true, lastName: true },
    });
    if (!person) fail("subjectPersonId", "Select the person from the list");
    else subject = personName(person);
  }

  let place: string | null = null;
  if (input.locationId) {
    const location = await tx.location.findFirst({
      where: { AND: [{ id: input.locationId }, visiblePlacesWhere(actor)] },
      select: { addressLine1: true, town: true, postcode: true },
    });
    if (!location) fail("locationId", "Select the place from the list");
    else place = placeText(location);
  }

  let caseReference: string | null = null;
  if (input.caseId) {
    const c = await tx.case.findFirst({
      where: { AND: [{ id: input.caseId }, visibleCasesWhere(actor)] },
      select: {
        reference: true,
        status: true,
        leadOrganisationId: true,
        restricted: true,
        shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
      },
    });
    const rights = c
      ? caseRightsOf(actor, {
          leadOrganisationId: c.leadOrganisationId,
          restricted: c.restricted,
          sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
        })
      : null;
    // A case the actor cannot see gets the same answer as one their organisation cannot add to.
    if (!c || !rights?.contribute) fail("caseId", "Select a case your organisation works on from the list");
    else if (c.status === "CLOSED") fail("caseId", `Case ${c.reference} is closed. Reopen it before recording a power on it.`);
    else caseReference = c.reference;
  }

  // Left blank, the actor issued it (an API client's own account included: it is not offered as an officer).
  const officerId = input.issuingOfficerId ?? actor.userId;
  const officer = await tx.user.findFirst({
    where: { AND: [{ id: officerId }, { OR: [officersWhere(actor), { id: actor.userId }] }] },
    select: { id: true, name: true },
  });
  if (!officer) fail("issuingOfficerId", `Select an officer in ${actor.organisationName} from the list`);

  if (input.issuedAt.getTime() > startOfLondonDay(now).getTime())
    fail("issuedOn", "The date the power was issued must be today or in the past");
  if (kind?.hasExpiry && !input.expiresAt) fail("expiresOn", `Enter the expiry date: a ${kind.name} has one`);
  if (input.expiresAt && input.expiresAt.getTime() <= input.issuedAt.getTime())
    fail("expiresOn", "The expiry date must be after the date the power was issued");
  if (kind?.needsCourt) {
    if (!input.courtName) fail("courtName", `Enter the name of the court: a ${kind.name} is made by a court`);
    if (!input.hearingAt) fail("hearingOn", "Enter the date of the court hearing");
  }

  // A PSPO fixed penalty notice names the PSPO it was issued under, which was in force that day.
  let pspo: { id: string; reference: string; name: string } | null = null;
  if (kind && kind.code === PSPO_FPN_KIND_CODE) {
    if (!input.pspoId) fail("pspoId", "Select the PSPO the fixed penalty notice was issued under");
    else {
      const found = await tx.pspo.findUnique({
        where: { id: input.pspoId },
        select: { id: true, reference: true, name: true, startsOn: true, endsOn: true },
      });
      const reason = found ? notInForceReason(found, input.issuedAt) : null;
      if (!found) fail("pspoId", "Select the PSPO from the list");
      else if (reason) fail("pspoId", `${reason}. Select a PSPO in force on the date the notice was issued.`);
      else pspo = found;
    }
  } else if (kind && input.pspoId) {
    fail("pspoId", `Only a ${PSPO_FPN_NAME} can be linked to a PSPO. Select that kind of power, or remove the PSPO.`);
  }

  if (Object.keys(errors).length > 0 || !kind || !officer) throw new ValidationError(errors);
  return {
    kind,
    subject,
    place,
    caseReference,
    officer: officer.name,
    officerId: officer.id,
    organisation: actor.organisationName,
    issuedAt: input.issuedAt,
    expiresAt: input.expiresAt,
    conditions: input.conditions,
    courtName: input.courtName,
    hearingAt: input.hearingAt,
    pspo: pspo ? { reference: pspo.reference, name: pspo.name } : null,
    pspoId: pspo?.id ?? null,
  };
}

/** For the check page: the power as it would be issued, or the ValidationError the form shows. */
export async function checkIssue(actor: Actor, input: IssuePowerInput, now = new Date()): Promise<IssueSummary> {
  await requireCan(actor, "power:write", () => new ForbiddenError("You do not have permission to record powers"));
  const { officerId: _officerId, pspoId: _pspoId, ...summary } = await resolveIssue(db, actor, input, now);
  return summary;
}

/**
 * Records a power used, once per `submissionKey`: reference PWR-<year>-<6 digits>, its first
 * status (issued), the POWER_ISSUED entry on the case's timeline when linked, and the audit entry,
 * in one transaction. The issuing organisation is the actor's.
 */
export async function issuePower(
  actor: Actor,
  input: IssuePowerInput,
  submissionKey: string,
  now = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  await requireCan(actor, "power:write", () => new ForbiddenError("You do not have permission to record powers"));
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => (await issuePowerInTransaction(tx, actor, input, now)).id);
}

/**
 * Issues the power inside the caller's transaction (the form, above, and a bulk import): every
 * rule of resolveIssue, then the power, its first status, its case timeline entry and its audit entry.
 */
export async function issuePowerInTransaction(
  tx: Tx,
  actor: Actor,
  input: IssuePowerInput,
  now = new Date(),
): Promise<{ id: string; reference: string }> {
  const s = await resolveIssue(tx, actor, input, now);
  // Issued on an earlier day (recorded afterwards): its first status and its timeline entry are that day's.
  const issuedEventAt = onTheDay(s.issuedAt, now);
  const reference = await nextReference(tx, "PWR", input.issuedAt);
  const power = await tx.powerUse.create({
    data: {
      reference,
      kindId: s.kind.id,
      subjectPersonId: input.subjectType === "person" ? input.subjectPersonId : null,
      subjectBusinessName: input.subjectType === "business" ? input.subjectBusinessName : null,
      locationId: input.locationId,
      caseId: input.caseId,
      issuingOrganisationId: actor.organisationId,
      issuingOfficerId: s.officerId,
      issuedAt: s.issuedAt,
      expiresAt: s.expiresAt,
      conditions: s.conditions,
      courtName: s.courtName,
      hearingAt: s.hearingAt,
      pspoId: s.pspoId,
      status: "ISSUED",
      statusChangedAt: issuedEventAt,
      statusChanges: { create: { fromStatus: null, toStatus: "ISSUED", changedAt: issuedEventAt, changedById: actor.userId } },
    },
    select: { id: true },
  });
  if (input.caseId) {
    await appendTimeline(tx, actor, {
      caseId: input.caseId,
      kind: "POWER_ISSUED",
      summary: `${s.kind.name} ${reference} issued to ${s.subject} by ${actor.organisationShortName} on ${formatDate(s.issuedAt)}${s.expiresAt ? `, expires ${formatDate(s.expiresAt)}` : ""}.`,
      subjectType: ENTITY,
      subjectId: power.id,
      detail: { reference, kind: s.kind.code },
      occurredAt: issuedEventAt,
    });
    await tx.case.update({ where: { id: input.caseId }, data: { updatedAt: now }, select: { id: true } });
  }
  await auditChange(tx, actor, "CREATE", ENTITY, power.id, {
    reference,
    kind: s.kind.code,
    caseId: input.caseId,
    subjectPersonId: input.subjectPersonId,
    ...(s.pspoId ? { pspoId: s.pspoId } : {}),
  });
  return { id: power.id, reference };
}

// ───────────────────────────── Changing a power ─────────────────────────────

const CHANGE_SELECT = {
  id: true,
  reference: true,
  status: true,
  version: true,
  caseId: true,
  issuedAt: true,
  expiresAt: true,
  issuingOrganisationId: true,
  kind: { select: { name: true, appealable: true } },
  issuingOrganisation: { select: { name: true } },
  statusChanges: {
    select: { id: true, fromStatus: true, toStatus: true, changedAt: true, changedById: true },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.PowerUseSelect;

type PowerForChange = Prisma.PowerUseGetPayload<{ select: typeof CHANGE_SELECT }>;

const forHistory = (p: PowerForChange) => ({ status: p.status, issuedAt: p.issuedAt, expiresAt: p.expiresAt, history: p.statusChanges });

/** The power, locked for this transaction, if the actor may see it; and their right to change it. */
async function changePower<T>(actor: Actor, powerId: string, version: number, work: (tx: Tx, p: PowerForChange) => Promise<T>): Promise<T> {
  if (!isUuid(powerId)) throw new NotFoundError("power");
  let hidden = false;
  try {
    return await db.$transaction(async (tx) => {
      const p = await lockPowerForChange(tx, actor, powerId, version, () => (hidden = true));
      return work(tx, p);
    });
  } catch (error) {
    if (hidden) await auditRefusal(actor, ENTITY, powerId);
    throw error;
  }
}

/** Locks the power for this transaction and checks the actor may change it (and, given a version, that it is still at it). */
async function lockPowerForChange(tx: Tx, actor: Actor, powerId: string, version: number | null, onHidden: () => void = () => undefined) {
  await tx.$queryRaw`SELECT id FROM "PowerUse" WHERE id = ${powerId}::uuid FOR UPDATE`;
  const p = await tx.powerUse.findFirst({ where: { AND: [{ id: powerId }, visiblePowersWhere(actor)] }, select: CHANGE_SELECT });
  if (!p) {
    onHidden();
    throw new NotFoundError("power");
  }
  if (!can(actor, "power:write") || p.issuingOrganisationId !== actor.organisationId) {
    throw new ForbiddenError(`Only ${p.issuingOrganisation.name}, which issued this power, can change it`);
  }
  if (version !== null && p.version !== version) throw new PowerChangedError(p.version);
  return p;
}

/** Moves the power from `from` to `to` at `at` (when it happened), with its history row. */
async function writeStatus(tx: Tx, actor: Actor, p: PowerForChange, from: PowerStatus, to: PowerStatus, at: Date, note: string | null) {
  await tx.powerUse.update({
    where: { id: p.id },
    data: { status: to, statusChangedAt: at, version: { increment: 1 } },
    select: { id: true },
  });
  await tx.powerStatusChange.create({
    data: { powerId: p.id, fromStatus: from, toStatus: to, changedAt: at, changedById: actor.userId, note },
  });
}

/**
 * A change dated before the expiry date comes before the expiry the service marked by itself:
 * that inference goes from the history, and its timeline entry is corrected (entries are never
 * changed). A power still running afterwards is marked expired again by expireDuePowers.
 */
async function setAsideAutomaticExpiry(tx: Tx, actor: Actor, p: PowerForChange, expiry: { id: string }, summary: string) {
  await tx.powerStatusChange.delete({ where: { id: expiry.id } });
  if (!p.caseId) return;
  const entry = await tx.timelineEntry.findFirst({
    where: {
      caseId: p.caseId,
      kind: "POWER_STATUS_CHANGED",
      subjectType: ENTITY,
      subjectId: p.id,
      detail: { path: ["automatic"], equals: true },
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (entry) {
    await appendTimeline(tx, actor, {
      caseId: p.caseId,
      kind: "CORRECTION",
      summary,
      subjectType: ENTITY,
      subjectId: p.id,
      correctsEntryId: entry.id,
    });
  }
}

/**
 * Moves a power on (complied with, appealed, varied, discharged, expired, withdrawn), with a note:
 * now, or on the day given when it is recorded afterwards (lib/history), never before the power
 * was issued or its last recorded change. The move must be one the power could make then.
 */
export async function changePowerStatus(
  actor: Actor,
  powerId: string,
  version: number,
  input: PowerStatusInput,
  now = new Date(),
): Promise<void> {
  if (input.status === "BREACHED")
    throw new ValidationError({ status: ["Record a breach with its date and the action taken, using the breach form"] });
  await changePower(actor, powerId, version, (tx, p) => statusChangeWork(tx, actor, p, input, now));
}

/** A status change inside the caller's transaction (a bulk import replays a power's history through it). */
export async function changePowerStatusInTransaction(
  tx: Tx,
  actor: Actor,
  powerId: string,
  input: PowerStatusInput,
  now = new Date(),
): Promise<void> {
  if (input.status === "BREACHED")
    throw new ValidationError({ status: ["Record a breach with its date and the action taken, using the breach form"] });
  await statusChangeWork(tx, actor, await lockPowerForChange(tx, actor, powerId, null), input, now);
}

async function statusChangeWork(tx: Tx, actor: Actor, p: PowerForChange, input: PowerStatusInput, now: Date): Promise<void> {
  const history = forHistory(p);
  const at = happenedAt(input.happenedOn ?? null, { now, notBefore: changeNotBefore(history) });
  const then = statusAt(history, at);
  const check = checkTransition(then.from, input.status, p.kind);
  if (!check.ok && then.expiredByDate && p.expiresAt) {
    throw new ValidationError({
      happenedOn: [`The power expired on ${formatDate(p.expiresAt)}. Enter the date its status changed, before then.`],
    });
  }
  if (!check.ok) throw new ValidationError({ status: [check.message] });
  const label = POWER_STATUS_LABELS[input.status].toLowerCase();
  if (then.setsAside) {
    await setAsideAutomaticExpiry(
      tx,
      actor,
      p,
      then.setsAside,
      `${p.kind.name} ${p.reference} was ${label} on ${formatDate(at)}, before its expiry date: recorded afterwards.`,
    );
  }
  await writeStatus(tx, actor, p, then.from, input.status, at, input.note);
  const summary = `${p.kind.name} ${p.reference}: ${POWER_STATUS_LABELS[then.from].toLowerCase()} → ${label}.${input.note ? ` ${input.note}` : ""}`;
  if (p.caseId) {
    await appendTimeline(tx, actor, {
      caseId: p.caseId,
      kind: "POWER_STATUS_CHANGED",
      summary,
      subjectType: ENTITY,
      subjectId: p.id,
      detail: { from: then.from, to: input.status },
      occurredAt: at,
    });
  }
  await auditChange(tx, actor, "UPDATE", ENTITY, p.id, {
    status: { from: then.from, to: input.status },
    ...(recordedLater(at, now) ? { happenedAt: at.toISOString() } : {}),
    ...(then.setsAside ? { setAsideAutomaticExpiry: then.setsAside.changedAt.toISOString() } : {}),
  });
}

/**
 * Records a breach, if the power was in force on the breach date. A power still running becomes
 * BREACHED on that day; one that has ended since (expired, discharged...) keeps its final status,
 * and so does one whose status changed after that day: the breach is history. Its POWER_BREACHED
 * timeline entry (on the breach day) and audit entry are written with it.
 */
export async function recordBreach(actor: Actor, powerId: string, version: number, input: BreachInput, now = new Date()): Promise<void> {
  if (input.breachedAt.getTime() > startOfLondonDay(now).getTime())
    throw new ValidationError({ breachedOn: ["The date of the breach must be today or in the past"] });
  await changePower(actor, powerId, version, (tx, p) => breachWork(tx, actor, p, input, now));
}

/** A breach inside the caller's transaction (a bulk import replays a power's breaches through it). */
export async function recordBreachInTransaction(
  tx: Tx,
  actor: Actor,
  powerId: string,
  input: BreachInput,
  now = new Date(),
): Promise<void> {
  if (input.breachedAt.getTime() > startOfLondonDay(now).getTime())
    throw new ValidationError({ breachedOn: ["The date of the breach must be today or in the past"] });
  await breachWork(tx, actor, await lockPowerForChange(tx, actor, powerId, null), input, now);
}

async function breachWork(tx: Tx, actor: Actor, p: PowerForChange, input: BreachInput, now: Date): Promise<void> {
  const inForce = inForceOn({ issuedAt: p.issuedAt, expiresAt: p.expiresAt, history: p.statusChanges }, input.breachedAt);
  if (!inForce.ok) throw new ValidationError({ breachedOn: [inForce.message] });
  const current = effectiveStatus(p, now);
  if (current === "APPEALED")
    throw new ValidationError({ breachedOn: ["The power is under appeal. Record the outcome of the appeal before recording a breach."] });
  await tx.powerBreach.create({
    data: { powerId: p.id, breachedAt: input.breachedAt, actionTaken: input.actionTaken, notes: input.notes, recordedById: actor.userId },
  });
  const at = onTheDay(input.breachedAt, now);
  const notBefore = changeNotBefore(forHistory(p)).at;
  const beforeLastChange = londonToday(at) < londonToday(notBefore);
  if (!FINAL_STATUSES.includes(current) && !beforeLastChange) {
    // On the breach day; never before the power's last change that same day, so the history keeps its order.
    await writeStatus(tx, actor, p, p.status, "BREACHED", at > notBefore ? at : notBefore, `Breach on ${formatDate(input.breachedAt)}`);
  } else {
    await tx.powerUse.update({ where: { id: p.id }, data: { version: { increment: 1 } }, select: { id: true } });
  }
  if (p.caseId) {
    await appendTimeline(tx, actor, {
      caseId: p.caseId,
      kind: "POWER_BREACHED",
      summary: `${p.kind.name} ${p.reference} breached on ${formatDate(input.breachedAt)}. Action taken: ${BREACH_ACTION_LABELS[input.actionTaken]}.`,
      subjectType: ENTITY,
      subjectId: p.id,
      detail: { breachedOn: formatDate(input.breachedAt), actionTaken: input.actionTaken },
      occurredAt: at,
    });
  }
  await auditChange(tx, actor, "UPDATE", ENTITY, p.id, {
    breach: { on: input.breachedAt.toISOString(), actionTaken: input.actionTaken },
  });
  // The officer who issued the power hears of its breach (they may always see their own power).
  const { issuingOfficerId } = await tx.powerUse.findUniqueOrThrow({ where: { id: p.id }, select: { issuingOfficerId: true } });
  if (issuingOfficerId !== actor.userId) {
    await notify(tx, {
      kind: "POWER_BREACHED",
      userIds: [issuingOfficerId],
      reference: p.reference,
      link: `/powers/${p.id}`,
      subjectType: ENTITY,
      subjectId: p.id,
    });
  }
}

// ───────────────────────────── Expiry ─────────────────────────────

/**
 * Marks EXPIRED every power whose expiry date has come (idempotent: a second run finds nothing).
 * One UPDATE … RETURNING claims the rows, so concurrent runs never expire a power twice. The
 * timeline entry is attributed to the issuing officer and organisation; the history has no user.
 */
export async function expireDuePowers(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<
      {
        id: string;
        reference: string;
        caseId: string | null;
        status: PowerStatus;
        issuingOfficerId: string;
        issuingOrganisationId: string;
        expiresAt: Date;
      }[]
    >`
      WITH due AS (
        SELECT id, status FROM "PowerUse"
        WHERE status IN (${Prisma.join(EXPIRING_STATUSES.map((s) => Prisma.sql`${s}::"PowerStatus"`))}) AND "expiresAt" <= ${now}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "PowerUse" p SET status = 'EXPIRED', "statusChangedAt" = ${now}, version = p.version + 1, "updatedAt" = ${now}
      FROM due WHERE p.id = due.id
      RETURNING p.id, p.reference, p."caseId", due.status, p."issuingOfficerId", p."issuingOrganisationId", p."expiresAt"`;
    if (expired.length === 0) return 0;
    await tx.powerStatusChange.createMany({
      data: expired.map((p) => ({
        powerId: p.id,
        fromStatus: p.status,
        toStatus: "EXPIRED" as const,
        changedAt: now,
        changedById: null,
        note: "Expired automatically",
      })),
    });
    for (const p of expired) {
      if (!p.caseId) continue;
      await appendTimeline(
        tx,
        { userId: p.issuingOfficerId, organisationId: p.issuingOrganisationId },
        {
          caseId: p.caseId,
          kind: "POWER_STATUS_CHANGED",
          summary: `Power ${p.reference} expired on ${formatDate(p.expiresAt)} (marked automatically).`,
          subjectType: ENTITY,
          subjectId: p.id,
          detail: { from: p.status, to: "EXPIRED", automatic: true },
        },
      );
    }
    return expired.length;
  });
}

// ───────────────────────────── Reading the register ─────────────────────────────

export type { PowerListRow } from "./rows";

function listWhere(actor: Actor, f: PowerFilters, now: Date): Prisma.PowerUseWhereInput {
  const where: Prisma.PowerUseWhereInput[] = [visiblePowersWhere(actor)];
  if (f.kindId) where.push({ kindId: f.kindId });
  if (f.status) where.push({ status: f.status });
  if (f.organisationId) where.push({ issuingOrganisationId: f.organisationId });
  if (f.issuedFrom) where.push({ issuedAt: { gte: f.issuedFrom } });
  if (f.issuedBefore) where.push({ issuedAt: { lt: f.issuedBefore } });
  if (f.expiringWithinDays !== undefined) {
    where.push({
      status: { in: [...EXPIRING_STATUSES, "APPEALED"] },
      expiresAt: { gt: now, lte: new Date(now.getTime() + f.expiringWithinDays * 86_400_000) },
    });
  }
  if (f.subject) {
    const words = f.subject.split(/\s+/).filter(Boolean).slice(0, 4);
    where.push({
      AND: words.map((w) => ({
        OR: [
          { subjectPerson: { firstName: { contains: w, mode: "insensitive" as const } } },
          { subjectPerson: { lastName: { contains: w, mode: "insensitive" as const } } },
          { subjectBusinessName: { contains: w, mode: "insensitive" as const } },
        ],
      })),
    });
  }
  return { AND: where };
}

function listOrderBy(query: ListQuery<PowerSort>): Prisma.PowerUseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "issued":
      return [{ issuedAt: dir }, { id: dir }];
    case "expires":
      return [{ expiresAt: { sort: dir, nulls: "last" } }, { id: dir }];
    case "reference":
      return [{ reference: dir }];
    case "kind":
      return [{ kind: { name: dir } }, { issuedAt: "desc" }, { id: "desc" }];
  }
}

/** One page of the register, as the actor may see it, filtered and sorted on the server. */
export async function listPowers(
  actor: Actor,
  filters: PowerFilters,
  query: ListQuery<PowerSort>,
  now = new Date(),
): Promise<Page<PowerListRow>> {
  await expireDuePowers(now);
  const where = listWhere(actor, filters, now);
  const [rows, counted] = await Promise.all([
    db.powerUse.findMany({ where, orderBy: listOrderBy(query), skip: query.skip, take: query.pageSize, select: POWER_ROW_SELECT }),
    db.powerUse.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map((r) => powerListRow(r, now)),
    counted,
    query,
  );
}

/**
 * The powers used on one person, at one place or in one case that the actor may see, newest first,
 * at most `take`: the list on a person's or a place's profile and on a case (the status as recorded).
 */
export function listPowersFor(actor: Actor, link: { subjectPersonId: string } | { locationId: string } | { caseId: string }, take: number) {
  return db.powerUse.findMany({
    where: { AND: [link, visiblePowersWhere(actor)] },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      reference: true,
      status: true,
      issuedAt: true,
      expiresAt: true,
      kind: { select: { name: true } },
      issuingOrganisation: { select: { shortName: true } },
    },
  });
}

/** The organisations that have issued powers the actor may see, for the register's filter. */
export async function issuingOrganisationChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, "power:read")) return [];
  return db.organisation.findMany({
    where: { powersIssued: { some: visiblePowersWhere(actor) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type PowerDetail = {
  id: string;
  reference: string;
  version: number;
  kind: PowerKindView;
  status: PowerStatus;
  subject: string;
  subjectPerson: { id: string; name: string } | null;
  place: { id: string; label: string } | null;
  case: { id: string; reference: string; title: string } | null;
  pspo: { id: string; reference: string; name: string } | null;
  issuingOrganisation: { id: string; name: string };
  issuingOfficer: { name: string };
  issuedAt: Date;
  expiresAt: Date | null;
  conditions: string | null;
  courtName: string | null;
  hearingAt: Date | null;
  history: {
    id: string;
    fromStatus: PowerStatus | null;
    toStatus: PowerStatus;
    changedAt: Date;
    changedBy: string | null;
    note: string | null;
  }[];
  breaches: {
    id: string;
    breachedAt: Date;
    actionTaken: keyof typeof BREACH_ACTION_LABELS;
    notes: string | null;
    recordedBy: string;
    recordedAt: Date;
  }[];
  /** The actor's organisation issued it and they may write: they change its status and record breaches. */
  mayChange: boolean;
  statusChoices: PowerStatus[];
  /** Ended by its expiry date alone: a change can still be recorded, dated before this day. */
  expiredOn: Date | null;
  /** The earliest a status change may be dated (recorded afterwards), and why. */
  changeNotBefore: { at: Date; what: string };
  /** A breach can be recorded (the power is not under appeal). */
  mayRecordBreach: boolean;
  /** Brought in from a file (lib/imports): from where, by whom. */
  imported: ImportedFrom | null;
};

/** One power, with its history and breaches; NotFoundError (audited) otherwise. The view is audited. */
export async function getPower(actor: Actor, id: string, now = new Date()): Promise<PowerDetail> {
  if (!isUuid(id)) throw new NotFoundError("power");
  await expireDuePowers(now);
  const p = await db.powerUse.findFirst({
    where: { AND: [{ id }, visiblePowersWhere(actor)] },
    select: {
      id: true,
      reference: true,
      version: true,
      status: true,
      subjectBusinessName: true,
      issuedAt: true,
      expiresAt: true,
      conditions: true,
      courtName: true,
      hearingAt: true,
      kind: { select: KIND_SELECT },
      subjectPerson: { select: { id: true, firstName: true, lastName: true } },
      location: { select: { id: true, addressLine1: true, town: true, postcode: true } },
      case: { select: { id: true, reference: true, title: true } },
      pspo: { select: { id: true, reference: true, name: true } },
      issuingOrganisation: { select: { id: true, name: true } },
      issuingOfficer: { select: { name: true } },
      statusChanges: {
        orderBy: [{ changedAt: "asc" }, { id: "asc" }],
        select: { id: true, fromStatus: true, toStatus: true, changedAt: true, changedById: true, note: true },
      },
      breaches: {
        orderBy: [{ breachedAt: "asc" }, { id: "asc" }],
        select: { id: true, breachedAt: true, actionTaken: true, notes: true, recordedAt: true, recordedBy: { select: { name: true } } },
      },
    },
  });
  if (!p) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("power");
  }
  // The linked case is shown only to those who may see it (the issuing organisation may not).
  const caseVisible = p.case ? (await db.case.count({ where: { AND: [{ id: p.case.id }, visibleCasesWhere(actor)] } })) > 0 : false;
  const changerIds = [...new Set(p.statusChanges.map((c) => c.changedById).filter((v): v is string => Boolean(v)))];
  const changers = new Map(
    (await db.user.findMany({ where: { id: { in: changerIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const imported = await importedFrom(actor, "POWERS", p.id);
  await auditView(actor, ENTITY, p.id);
  const status = effectiveStatus(p, now);
  const mayChange = can(actor, "power:write") && p.issuingOrganisation.id === actor.organisationId;
  const history = { status: p.status, issuedAt: p.issuedAt, expiresAt: p.expiresAt, history: p.statusChanges };
  const choices = choicesNow({ ...history, kind: p.kind }, now);
  return {
    id: p.id,
    reference: p.reference,
    version: p.version,
    kind: p.kind,
    status,
    subject: subjectOf(p),
    subjectPerson: p.subjectPerson ? { id: p.subjectPerson.id, name: personName(p.subjectPerson) } : null,
    place: p.location ? { id: p.location.id, label: placeText(p.location) } : null,
    case: caseVisible ? p.case : null,
    // PSPOs are public orders: the one an FPN was issued under is shown to anyone who sees the FPN.
    pspo: p.pspo,
    issuingOrganisation: p.issuingOrganisation,
    issuingOfficer: p.issuingOfficer,
    issuedAt: p.issuedAt,
    expiresAt: p.expiresAt,
    conditions: p.conditions,
    courtName: p.courtName,
    hearingAt: p.hearingAt,
    history: p.statusChanges.map((c) => ({
      id: c.id,
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      changedAt: c.changedAt,
      note: c.note,
      changedBy: c.changedById ? (changers.get(c.changedById) ?? null) : null,
    })),
    breaches: p.breaches.map((b) => ({
      id: b.id,
      breachedAt: b.breachedAt,
      actionTaken: b.actionTaken,
      notes: b.notes,
      recordedAt: b.recordedAt,
      recordedBy: b.recordedBy.name,
    })),
    mayChange,
    statusChoices: mayChange ? choices.choices : [],
    expiredOn: choices.expiredOn,
    changeNotBefore: changeNotBefore(history),
    imported,
    mayRecordBreach: mayChange && status !== "APPEALED",
  };
}
