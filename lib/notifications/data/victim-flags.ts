import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { getRepeatVictimSetting } from "@/lib/settings/data";
import { notify } from "./outbox";
import { caseRecipients, organisationManagers } from "./recipients";

// "A repeat or vulnerable victim flag raised on a case your organisation leads": when a person's
// Repeat victim or Vulnerable alert (lib/people/alerts.ts) goes up, whoever leads each open case
// on which they are a victim is told: the case's lead officer and the lead organisation's
// managers, if they may open the case. The e-mail names the case, never the person.

/**
 * Of `personIds`, the victims of an incident that happened at `occurredAt` whom that incident has
 * just made repeat victims: their count of incidents as victim in the window now equals the
 * threshold. Read in the incident's transaction, after its people are written.
 */
export async function newlyRepeatVictims(tx: Tx, personIds: string[], occurredAt: Date, now = new Date()): Promise<string[]> {
  if (personIds.length === 0) return [];
  const { threshold, windowMonths } = await getRepeatVictimSetting(tx);
  const windowStart = new Date(now);
  windowStart.setMonth(windowStart.getMonth() - windowMonths);
  // An incident outside the window (history) raises no flag: the count it would cross is not its.
  if (occurredAt <= windowStart || occurredAt > now) return [];
  const counts = await tx.$queryRaw<{ personId: string; n: bigint }[]>`
    SELECT ip."personId", count(DISTINCT ip."incidentId") AS n
    FROM "IncidentPerson" ip
    JOIN "Incident" i ON i.id = ip."incidentId"
    WHERE ip."personId" = ANY(${personIds}::uuid[])
      AND ip.role = 'VICTIM'
      AND i."occurredAt" > ${now}::timestamptz - make_interval(months => ${windowMonths}::int)
      AND i."occurredAt" <= ${now}::timestamptz
    GROUP BY ip."personId"`;
  return counts.filter((c) => Number(c.n) === threshold).map((c) => c.personId);
}

/** Tells whoever leads each open case on which one of `personIds` is a victim that a flag went up. */
export async function notifyVictimFlagRaised(tx: Tx, actor: Actor, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  const links = await tx.casePerson.findMany({
    where: { personId: { in: personIds }, role: "VICTIM", removedAt: null, case: { status: { not: "CLOSED" } } },
    select: { case: { select: { id: true, leadOrganisationId: true, leadOfficerId: true } } },
    distinct: ["caseId"],
  });
  for (const { case: c } of links) {
    const leads = { OR: [organisationManagers(c.leadOrganisationId), ...(c.leadOfficerId ? [{ id: c.leadOfficerId }] : [])] };
    const { reference, userIds } = await caseRecipients(tx, c.id, leads, actor.userId);
    await notify(tx, { kind: "VICTIM_FLAG_RAISED", userIds, reference, link: `/cases/${c.id}`, subjectType: "Case", subjectId: c.id });
  }
}
