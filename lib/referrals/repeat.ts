import "server-only";
import type { db, Tx } from "@/lib/db";

// THE REPEAT RULE (SafeLives: "a further incident within 12 months of the last MARAC referral").
// A new MARAC referral of a victim is a repeat when, counted at the moment it is made:
//   1. the victim has an earlier MARAC referral (any case) that was not declined or withdrawn —
//      the latest such referral is "the last MARAC referral", made at time L; and
//   2. an incident in which the same person is recorded as the victim happened after L, no later
//      than 12 calendar months after L (L + 12 months, inclusive), and not after the new referral.
// So an incident 11 months after the last referral makes the new referral a repeat; one 13 months
// after does not (and nor does an incident before L: that one was known when L was made).
// It is computed here, stored on the referral, and never typed by anyone.

export const REPEAT_WINDOW_MONTHS = 12;

/** L plus 12 calendar months (the same day and time of the month, a year on). */
export function repeatWindowEnd(lastReferralAt: Date): Date {
  const end = new Date(lastReferralAt);
  end.setUTCMonth(end.getUTCMonth() + REPEAT_WINDOW_MONTHS);
  return end;
}

export type RepeatCheck = { isRepeat: boolean; lastReferral: { id: string; reference: string; referredAt: Date } | null };

export async function checkRepeat(
  client: Tx | typeof db,
  victimPersonId: string,
  at: Date,
  excludeReferralId?: string,
): Promise<RepeatCheck> {
  const last = await client.referral.findFirst({
    where: {
      victimPersonId,
      panel: "MARAC",
      status: { notIn: ["DECLINED", "WITHDRAWN"] },
      referredAt: { lt: at },
      ...(excludeReferralId ? { id: { not: excludeReferralId } } : {}),
    },
    orderBy: [{ referredAt: "desc" }, { id: "desc" }],
    select: { id: true, reference: true, referredAt: true },
  });
  if (!last) return { isRepeat: false, lastReferral: null };
  const windowEnd = repeatWindowEnd(last.referredAt);
  const upTo = windowEnd.getTime() < at.getTime() ? windowEnd : at;
  const further = await client.incidentPerson.count({
    where: { personId: victimPersonId, role: "VICTIM", incident: { occurredAt: { gt: last.referredAt, lte: upTo } } },
  });
  return { isRepeat: further > 0, lastReferral: last };
}
