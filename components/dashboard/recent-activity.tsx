import Link from "next/link";
import { RestrictedTag } from "@/components/cases/case-tags";
import { formatDateTime } from "@/lib/format/dates";
import { timelineEntryLabel } from "@/lib/timeline/labels";
import type { RecentActivityEntry } from "@/lib/dashboard/data";

const SUMMARY_SHOWN = 240;

const shorten = (text: string) => (text.length > SUMMARY_SHOWN ? `${text.slice(0, SUMMARY_SHOWN - 1).trimEnd()}…` : text);

/** The latest timeline entries across the cases the actor may see: what, on which case, who and when. */
export function RecentActivity({ entries }: { entries: RecentActivityEntry[] }) {
  if (entries.length === 0) return <p className="body-m text-ink-secondary">Nothing has happened on your cases yet.</p>;
  return (
    <ol className="list-none p-0 m-0 mb-6 border-l-[5px] border-border ml-1" aria-label="Recent activity">
      {entries.map((entry) => {
        const when = formatDateTime(entry.occurredAt);
        return (
          <li
            key={entry.id}
            className="relative pl-6 pb-5 before:absolute before:left-0 before:top-3 before:w-4 before:h-[5px] before:bg-border"
          >
            <h3 className="heading-s mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
              {timelineEntryLabel(entry.kind)}
              <span className="body-m font-normal">
                on{" "}
                <Link href={`/cases/${entry.caseId}#timeline`} className="link-no-visited">
                  case {entry.caseReference}
                </Link>
              </span>
              {entry.restricted ? <RestrictedTag /> : null}
            </h3>
            <p className="body-s text-ink-secondary mb-1">
              {entry.actorName}, <abbr title={entry.organisation.name}>{entry.organisation.shortName}</abbr>
              {" · "}
              <time dateTime={entry.occurredAt.toISOString()}>{when}</time>
            </p>
            <p className="body-m whitespace-pre-line break-words mb-0">{shorten(entry.summary)}</p>
          </li>
        );
      })}
    </ol>
  );
}
