import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { MeetingTable } from "@/components/meetings/meeting-table";
import { requireActor } from "@/lib/auth/session";
import { meetingPanelsOf } from "@/lib/meetings/access";
import { listMeetings, mayScheduleMeetings, MEETING_SORTS, type MeetingSort, type MeetingWhen } from "@/lib/meetings/data";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { cx } from "@/components/ui/class-names";
import { refusePage } from "@/lib/auth/refuse";

export const metadata: Metadata = { title: "Meetings" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/meetings";

/** `/meetings`: the meetings of the panels the actor sits on, upcoming or past, paged on the server. */
export default async function MeetingsPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (meetingPanelsOf(actor).length === 0) await refusePage(actor, "panel membership");
  const params = await searchParams;
  const when: MeetingWhen = firstParam(params.when) === "past" ? "past" : "upcoming";
  const query = parseListQuery<MeetingSort>(params, {
    sorts: MEETING_SORTS,
    defaultSort: "date",
    defaultDir: when === "upcoming" ? "asc" : "desc",
  });
  const list = await listMeetings(actor, when, query);
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} meetings`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "meeting" : "meetings"}`;
  const tabs: { when: MeetingWhen; label: string }[] = [
    { when: "upcoming", label: "Upcoming" },
    { when: "past", label: "Past and cancelled" },
  ];
  return (
    <>
      <PageHeading caption="CCM and MARAC">Meetings</PageHeading>
      {mayScheduleMeetings(actor) ? <Button href="/meetings/new">Schedule a meeting</Button> : null}
      <nav aria-label="Which meetings" className="mb-6">
        <ul className="flex gap-6 list-none p-0 m-0 border-b border-border">
          {tabs.map((t) => (
            <li key={t.when}>
              <Link
                href={t.when === "upcoming" ? PATH : `${PATH}?when=past`}
                aria-current={t.when === when ? "page" : undefined}
                className={cx(
                  "inline-block py-2 body-m link-no-visited",
                  t.when === when && "font-bold border-b-4 border-ink no-underline",
                )}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="heading-s" role="status">
        {count}
      </p>
      <MeetingTable
        rows={list.rows}
        caption={when === "upcoming" ? "Upcoming meetings of your panels" : "Past and cancelled meetings of your panels"}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: params }}
        emptyMessage={when === "upcoming" ? "No meetings are scheduled." : "No past or cancelled meetings."}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={params} />
    </>
  );
}
