import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { londonToday } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { visibleMeetingsWhere } from "@/lib/meetings/access";
import { cancellationsOf, type Cancellation } from "./cancelling";
import { MEETING_HEADLINE_SELECT, RUNNING, type MeetingHeadline } from "./shared";

// Lists: the meetings of the actor's panels, upcoming or past, and the next few for the dashboard.

export type MeetingWhen = "upcoming" | "past";
export const MEETING_SORTS = ["date"] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];

export type MeetingListRow = MeetingHeadline & {
  chair: { name: string };
  agendaItems: number;
  /** A cancelled meeting's reason, who cancelled it and when. */
  cancellation: Cancellation | null;
};

const LIST_SELECT = {
  ...MEETING_HEADLINE_SELECT,
  chair: { select: { name: true } },
  _count: { select: { agendaItems: true } },
} satisfies Prisma.MeetingSelect;

/** Upcoming (scheduled or running) or past (closed or cancelled) meetings of the actor's panels, paged on the server. */
export async function listMeetings(actor: Actor, when: MeetingWhen, query: ListQuery<MeetingSort>): Promise<Page<MeetingListRow>> {
  const where: Prisma.MeetingWhereInput = {
    AND: [visibleMeetingsWhere(actor), when === "upcoming" ? { status: { in: RUNNING } } : { status: { in: ["CLOSED", "CANCELLED"] } }],
  };
  const [rows, counted] = await Promise.all([
    db.meeting.findMany({
      where,
      orderBy: [{ startsAt: query.dir }, { id: query.dir }],
      skip: query.skip,
      take: query.pageSize,
      select: LIST_SELECT,
    }),
    db.meeting.count({ where, take: COUNT_CAP + 1 }),
  ]);
  const cancellations = await cancellationsOf(rows.filter((m) => m.status === "CANCELLED").map((m) => m.id));
  return pageOf(
    rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems, cancellation: cancellations.get(m.id) ?? null })),
    counted,
    query,
  );
}

/** The next meetings of the actor's panels (the dashboard). */
export async function nextMeetings(actor: Actor, now = new Date(), take = 5): Promise<MeetingListRow[]> {
  const rows = await db.meeting.findMany({
    where: { AND: [visibleMeetingsWhere(actor), { status: { in: RUNNING }, startsAt: { gte: londonToday(now) } }] },
    orderBy: { startsAt: "asc" },
    take,
    select: LIST_SELECT,
  });
  return rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems, cancellation: null }));
}
