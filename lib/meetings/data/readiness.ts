import "server-only";
import { db } from "@/lib/db";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { londonToday } from "@/lib/format/dates";
import { chairedPanelsOf, visibleMeetingsWhere } from "@/lib/meetings/access";
import { visibleReferralsWhere } from "@/lib/referrals/access";
import { acceptedUnlistedReferralsWhere, dueForReviewWhere } from "./scheduling";
import { MEETING_HEADLINE_SELECT, RUNNING, type MeetingHeadline } from "./shared";

// For the chair's dashboard: each panel they chair, its next meeting and how ready its agenda is.
// The counts are those the chair acts on before the meeting: referrals still to triage, accepted
// referrals on no agenda yet, and cases due for review (REVIEW_RULE) not on an agenda yet, which
// the meeting page offers to add (reviewCandidates, the same rule).

export type AgendaReadiness = {
  panel: Panel;
  /** The next scheduled or running meeting of the panel, today or later; null when none is scheduled. */
  meeting: (MeetingHeadline & { agendaItems: number }) | null;
  awaitingTriage: number;
  acceptedNotListed: number;
  dueForReviewNotListed: number;
};

const headlineOf = ({ id, reference, panel, startsAt, venue, status }: MeetingHeadline): MeetingHeadline => ({
  id,
  reference,
  panel,
  startsAt,
  venue,
  status,
});

/** The next meeting of each panel the actor chairs, with its agenda's readiness. Nothing for anyone who chairs no panel. */
export async function nextMeetingReadiness(actor: Actor, now = new Date()): Promise<AgendaReadiness[]> {
  return Promise.all(
    chairedPanelsOf(actor).map(async (panel) => {
      const [meeting, awaitingTriage, acceptedNotListed, dueForReviewNotListed] = await Promise.all([
        db.meeting.findFirst({
          where: { AND: [visibleMeetingsWhere(actor), { panel, status: { in: RUNNING }, startsAt: { gte: londonToday(now) } }] },
          orderBy: [{ startsAt: "asc" }, { id: "asc" }],
          select: { ...MEETING_HEADLINE_SELECT, _count: { select: { agendaItems: true } } },
        }),
        db.referral.count({ where: { AND: [visibleReferralsWhere(actor), { panel, status: "PENDING" }] } }),
        db.referral.count({ where: { AND: [visibleReferralsWhere(actor), acceptedUnlistedReferralsWhere(panel)] } }),
        db.case.count({ where: dueForReviewWhere(panel) }),
      ]);
      return {
        panel,
        meeting: meeting ? { ...headlineOf(meeting), agendaItems: meeting._count.agendaItems } : null,
        awaitingTriage,
        acceptedNotListed,
        dueForReviewNotListed,
      };
    }),
  );
}
