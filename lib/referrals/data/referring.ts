import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MaracGround, Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere } from "@/lib/cases/access";
import { appendTimeline } from "@/lib/timeline/data";
import { auditRefusal } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { happenedAt } from "@/lib/history/happened";
import { isUuid } from "@/lib/not-found";
import { DASH_HIGH_RISK_THRESHOLD } from "@/lib/risk/dash";
import { checkRepeat } from "@/lib/referrals/repeat";
import { MARAC_GROUND_LABELS, UNDECIDED_STATUSES } from "@/lib/referrals/labels";
import type { ReferralInput } from "@/lib/referrals/schema";
import { requireCan } from "@/lib/auth/refuse";
import { ENTITY, latestDash, notifyReferral, panelFor, personName, recordReferralChange, type LatestDash } from "./shared";
import { PANEL_NAMES } from "@/lib/panels/labels";

// Referring a case: the new-referral form, and the referral it makes.

export type ReferralFormChoices = {
  case: { id: string; reference: string; title: string; restricted: boolean; closed: boolean; openedAt: Date };
  panel: Panel;
  victims: { id: string; name: string; repeat: boolean }[];
  perpetrators: { id: string; name: string }[];
  latestDash: LatestDash;
  /** An undecided referral of this case to the panel: a second one is refused. */
  awaiting: { id: string; reference: string } | null;
};

const CASE_FOR_REFERRAL = {
  id: true,
  reference: true,
  title: true,
  status: true,
  restricted: true,
  openedAt: true,
  people: {
    where: { removedAt: null, role: { in: ["VICTIM", "PERPETRATOR"] } },
    orderBy: { addedAt: "asc" },
    select: { role: true, person: { select: { id: true, firstName: true, lastName: true } } },
  },
} satisfies Prisma.CaseSelect;

async function caseForReferral(client: Tx | typeof db, actor: Actor, caseId: string) {
  if (!isUuid(caseId)) return null;
  return client.case.findFirst({ where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] }, select: CASE_FOR_REFERRAL });
}

/** What the new-referral form needs for one case; NotFoundError when the actor cannot see it (audited). */
export async function referralFormFor(actor: Actor, caseId: string, now = new Date()): Promise<ReferralFormChoices> {
  await requireCan(actor, "referral:create", () => new NotFoundError("case"));
  const c = await caseForReferral(db, actor, caseId);
  if (!c) {
    if (isUuid(caseId)) await auditRefusal(actor, "Case", caseId);
    throw new NotFoundError("case");
  }
  const panel = panelFor(c);
  const victims = c.people.filter((p) => p.role === "VICTIM").map((p) => p.person);
  const [dash, awaiting, repeats] = await Promise.all([
    latestDash(db, c.id),
    db.referral.findFirst({
      where: { caseId: c.id, panel, status: { in: [...UNDECIDED_STATUSES] } },
      select: { id: true, reference: true },
    }),
    panel === "MARAC" ? Promise.all(victims.map((v) => checkRepeat(db, v.id, now))) : Promise.resolve([]),
  ]);
  return {
    case: {
      id: c.id,
      reference: c.reference,
      title: c.title,
      restricted: c.restricted,
      closed: c.status === "CLOSED",
      openedAt: c.openedAt,
    },
    panel,
    victims: victims.map((v, i) => ({ id: v.id, name: personName(v), repeat: repeats[i]?.isRepeat ?? false })),
    perpetrators: c.people.filter((p) => p.role === "PERPETRATOR").map((p) => ({ id: p.person.id, name: personName(p.person) })),
    latestDash: dash,
    awaiting,
  };
}

/**
 * Refers a case, once per `submissionKey`: reference REF-<year>-<6 digits>, the computed repeat
 * flag, the REFERRED entry on the case's timeline and the audit entry, in one transaction.
 * The referring organisation and user are the actor's, never the form's.
 *
 * A referral made before today and recorded afterwards (lib/history) is made on the day given:
 * never in the future, nor before the case was opened. Its reference carries that day's year, its
 * timeline entry happens then, the repeat flag and the DASH behind "visible high risk" are judged
 * as they stood then, and the MARAC return counts it (and the victim's age) at that date.
 */
export async function createReferral(
  actor: Actor,
  input: ReferralInput,
  submissionKey: string,
  now = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  await requireCan(actor, "referral:create", () => new ForbiddenError("You do not have permission to make referrals"));
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    // One referral of a case to a panel at a time: writers of the same case queue here.
    if (isUuid(input.caseId)) await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${input.caseId}::uuid FOR UPDATE`;
    const c = await caseForReferral(tx, actor, input.caseId);
    if (!c) throw new NotFoundError("case");
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);

    if (c.status === "CLOSED") throw new ConflictError(`Case ${c.reference} is closed. Reopen it before referring it.`);
    const panel = panelFor(c);
    if (input.panel !== panel) {
      fail(
        "panel",
        panel === "MARAC"
          ? "This is a restricted MARAC case: it can only be referred to the MARAC"
          : "Only a MARAC case can be referred to the MARAC. Open a MARAC case for the victim, complete a DASH, and refer that case.",
      );
    }
    const awaiting = await tx.referral.findFirst({
      where: { caseId: c.id, panel: input.panel, status: { in: [...UNDECIDED_STATUSES] } },
      select: { reference: true },
    });
    if (awaiting)
      throw new ConflictError(
        `Case ${c.reference} is already referred to the ${PANEL_NAMES[input.panel]} (referral ${awaiting.reference}) and is waiting for the chair's decision.`,
      );

    const onCase = (id: string | null, role: "VICTIM" | "PERPETRATOR") =>
      !id || c.people.some((p) => p.person.id === id && p.role === role);
    if (!onCase(input.victimPersonId, "VICTIM")) fail("victimPersonId", "Select a victim in this case from the list");
    if (!onCase(input.perpetratorPersonId, "PERPETRATOR"))
      fail("perpetratorPersonId", "Select an alleged perpetrator in this case from the list");

    let referredAt = now;
    try {
      referredAt = happenedAt(input.happenedOn ?? null, { now, notBefore: { at: c.openedAt, what: "the case was opened" } });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const [field, messages] of Object.entries(error.fieldErrors)) for (const message of messages ?? []) fail(field, message);
    }
    const earlier = referredAt.getTime() !== now.getTime();

    const grounds: MaracGround[] = [...input.grounds];
    let isRepeat = false;
    if (input.panel === "MARAC") {
      if (grounds.includes("VISIBLE_HIGH_RISK")) {
        // The DASH the referrer had when the referral was made: for one recorded afterwards, not a later one.
        const dash = await latestDash(tx, c.id, referredAt);
        const by = earlier ? ` by ${formatDate(referredAt)}, when the referral was made` : "";
        if (!dash)
          fail(
            "grounds",
            `Visible high risk needs a DASH risk checklist scoring ${DASH_HIGH_RISK_THRESHOLD} or more. This case has no DASH${by}: complete one, or choose professional judgement or potential escalation.`,
          );
        else if (dash.score < DASH_HIGH_RISK_THRESHOLD) {
          fail(
            "grounds",
            `Visible high risk needs a DASH score of ${DASH_HIGH_RISK_THRESHOLD} or more. The case's latest DASH${by} (${formatDate(dash.assessedAt)}) scored ${dash.score}: choose professional judgement or potential escalation instead.`,
          );
        }
      }
      if (input.victimPersonId) isRepeat = (await checkRepeat(tx, input.victimPersonId, referredAt)).isRepeat;
      if (isRepeat) grounds.push("REPEAT");
      if (grounds.length === 0) fail("grounds", "Select at least one ground for the MARAC referral");
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    // The reference carries the year the referral was made in.
    const reference = await nextReference(tx, "REF", referredAt);
    const referral = await tx.referral.create({
      data: {
        reference,
        caseId: c.id,
        panel: input.panel,
        referringOrganisationId: actor.organisationId,
        referringUserId: actor.userId,
        reason: input.reason,
        grounds,
        isRepeat,
        victimPersonId: input.victimPersonId,
        perpetratorPersonId: input.perpetratorPersonId,
        childrenInHousehold: input.childrenInHousehold,
        transferDirection: input.transferDirection,
        transferArea: input.transferArea,
        status: "PENDING",
        referredAt,
      },
      select: { id: true },
    });
    const how = [
      ...grounds.map((g) => MARAC_GROUND_LABELS[g].replace(/ \(.*\)$/, "").toLowerCase()),
      ...(input.transferDirection === "TRANSFER_IN" ? [`transfer in from ${input.transferArea}`] : []),
    ];
    await appendTimeline(tx, actor, {
      caseId: c.id,
      kind: "REFERRED",
      summary: `Referred to the ${PANEL_NAMES[input.panel]} (${reference}) by ${actor.name}, ${actor.organisationShortName}${how.length > 0 ? `: ${how.join(", ")}` : ""}.`,
      subjectType: ENTITY,
      subjectId: referral.id,
      detail: { reference, panel: input.panel, grounds, isRepeat, transferDirection: input.transferDirection },
      occurredAt: referredAt,
    });
    await recordReferralChange(tx, actor, { id: referral.id, caseId: c.id }, "CREATE", now, {
      reference,
      caseId: c.id,
      panel: input.panel,
      grounds,
      isRepeat,
      transferDirection: input.transferDirection,
      // The audit entry is dated when it was typed; a referral made earlier says when it was made.
      ...(earlier ? { happenedAt: referredAt.toISOString() } : {}),
    });
    const made = { id: referral.id, reference, caseId: c.id, panel: input.panel, referringUserId: actor.userId };
    await notifyReferral(tx, actor, made, "REFERRAL_AWAITING_TRIAGE", "chairs");
    return referral.id;
  });
}
