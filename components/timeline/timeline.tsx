import Link from "next/link";
import { Tag } from "@/components/ui/tag";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { hrefWithParams } from "@/components/ui/search-params";
import type { SearchParamsRecord } from "@/lib/search-params";
import { FilterForm } from "@/components/cases/filter-form";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { recordedLater } from "@/lib/history/happened";
import { TIMELINE_KIND_LABELS, timelineEntryLabel } from "@/lib/timeline/labels";
import type { TimelineEntryView, TimelineFilterChoices, TimelineOrder, TimelinePage } from "@/lib/timeline/data";

// A case's timeline: what every agency did, each entry saying who (officer and organisation), when
// (London time) and what. Entries are never changed; a correction is a new entry, shown both in
// its place in time and beside the entry it corrects.

/** The timeline's URL parameters on the case page. */
export const TIMELINE_PARAMS = { kind: "kind", organisation: "org", order: "order", after: "after", before: "before" } as const;

const SUBJECT_LINKS: Record<string, { path: string; label: string }> = {
  Incident: { path: "/incidents", label: "View incident" },
  Person: { path: "/people", label: "View person" },
  Location: { path: "/places", label: "View place" },
};

export function TimelineFilters({
  caseId,
  choices,
  values,
}: {
  caseId: string;
  choices: TimelineFilterChoices;
  values: { kind?: string; organisation?: string; order: TimelineOrder };
}) {
  return (
    <FilterForm action={`/cases/${caseId}`} anchor="#timeline" className="mb-6 p-4 sm:p-5 bg-surface" labelledBy="timeline-filters-heading">
      <h3 id="timeline-filters-heading" className="heading-s">
        Filter the timeline
      </h3>
      <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-3 [&_select]:max-w-full">
        <Select
          id="timeline-kind"
          name={TIMELINE_PARAMS.kind}
          label="Kind of entry"
          placeholder="All kinds"
          options={choices.kinds.map((k) => ({ value: k, label: TIMELINE_KIND_LABELS[k] }))}
          defaultValue={values.kind ?? ""}
          className="[&_select]:w-full"
        />
        <Select
          id="timeline-organisation"
          name={TIMELINE_PARAMS.organisation}
          label="Organisation"
          placeholder="All organisations"
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={values.organisation ?? ""}
          className="[&_select]:w-full"
        />
        <Select
          id="timeline-order"
          name={TIMELINE_PARAMS.order}
          label="Order"
          options={[
            { value: "newest", label: "Newest first" },
            { value: "oldest", label: "Oldest first" },
          ]}
          defaultValue={values.order}
          className="[&_select]:w-full"
        />
      </div>
      <Button type="submit" variant="secondary" className="mb-0">
        Apply filters
      </Button>
    </FilterForm>
  );
}

export function TimelineEntries({
  caseId,
  entries,
  mayCorrect,
  filtered,
}: {
  caseId: string;
  entries: TimelineEntryView[];
  mayCorrect: (entry: TimelineEntryView) => boolean;
  filtered: boolean;
}) {
  if (entries.length === 0) {
    return (
      <p className="body-m text-ink-secondary">
        {filtered ? "No entries match these filters." : "Nothing has been recorded on this case yet."}
      </p>
    );
  }
  return (
    <ol className="list-none p-0 m-0 mb-6 border-l-[5px] border-border ml-1" aria-label="Timeline entries">
      {entries.map((entry) => (
        <TimelineItem key={entry.id} caseId={caseId} entry={entry} mayCorrect={mayCorrect(entry)} />
      ))}
    </ol>
  );
}

function TimelineItem({ caseId, entry, mayCorrect }: { caseId: string; entry: TimelineEntryView; mayCorrect: boolean }) {
  const label = timelineEntryLabel(entry.kind);
  const when = formatDateTime(entry.occurredAt);
  // History recorded after the fact shows both dates; the timeline is in the order things happened.
  const later = recordedLater(entry.occurredAt, entry.recordedAt);
  const subject = entry.subjectType && entry.subjectId ? SUBJECT_LINKS[entry.subjectType] : undefined;
  return (
    <li
      id={`entry-${entry.id}`}
      className="relative pl-6 pb-6 scroll-mt-4 before:absolute before:left-0 before:top-3 before:w-4 before:h-[5px] before:bg-border"
    >
      <h3 className="heading-s mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        {label}
        {entry.corrections.length > 0 ? <Tag colour="yellow">Corrected</Tag> : null}
      </h3>
      <p className="body-s text-ink-secondary mb-2">
        {later ? (
          <>
            Happened <time dateTime={entry.occurredAt.toISOString()}>{formatDate(entry.occurredAt)}</time>
            {" · "}recorded <time dateTime={entry.recordedAt.toISOString()}>{formatDate(entry.recordedAt)}</time> by {entry.actor.name},{" "}
            <abbr title={entry.organisation.name}>{entry.organisation.shortName}</abbr>
          </>
        ) : (
          <>
            {entry.actor.name}, <abbr title={entry.organisation.name}>{entry.organisation.shortName}</abbr>
            {" · "}
            <time dateTime={entry.occurredAt.toISOString()}>{when}</time>
          </>
        )}
      </p>
      {entry.corrects ? (
        <p className="body-s mb-2">
          Corrects the entry ‘{TIMELINE_KIND_LABELS[entry.corrects.kind]}’ by {entry.corrects.actorName},{" "}
          {entry.corrects.organisationShortName} on {formatDateTime(entry.corrects.occurredAt)}.{" "}
          <a href={`#entry-${entry.corrects.id}`} className="link-no-visited">
            Go to the original<span className="sr-only"> entry</span>
          </a>
        </p>
      ) : null}
      <p className="body-m whitespace-pre-line break-words mb-2">{entry.summary}</p>
      {entry.corrections.map((correction) => (
        <div key={correction.id} className="mb-3 p-3 border-l-[5px] border-tag-yellow bg-tag-yellow-bg">
          <p className="body-s font-bold mb-1">
            Correction by {correction.actorName}, {correction.organisationShortName} on {formatDateTime(correction.occurredAt)}
          </p>
          <p className="body-m whitespace-pre-line break-words mb-0">{correction.summary}</p>
        </div>
      ))}
      <p className="body-s mb-0 flex flex-wrap gap-x-5">
        {subject ? (
          <Link href={`${subject.path}/${entry.subjectId}`} className="link-no-visited">
            {subject.label}
            <span className="sr-only">
              {" "}
              ({label}, {when})
            </span>
          </Link>
        ) : null}
        {mayCorrect ? (
          // Quiet, in grey: offered on every entry the actor may correct, it must not read as part of the record.
          <Link
            href={`/cases/${caseId}/timeline/${entry.id}/correct`}
            className="text-ink-secondary visited:text-ink-secondary hover:text-ink decoration-1"
          >
            Correct this entry
            <span className="sr-only">
              {" "}
              ({label}, {when})
            </span>
          </Link>
        ) : null}
      </p>
    </li>
  );
}

/** Links to the pages before and after this one, keeping the filters. */
export function TimelinePager({
  page,
  pathname,
  searchParams,
  order,
}: {
  page: Pick<TimelinePage, "previous" | "next">;
  pathname: string;
  searchParams: SearchParamsRecord;
  order: TimelineOrder;
}) {
  if (!page.previous && !page.next) return null;
  const link = (changes: Record<string, string | null>) =>
    `${hrefWithParams(pathname, searchParams, { [TIMELINE_PARAMS.after]: null, [TIMELINE_PARAMS.before]: null, notice: null, problem: null, ...changes })}#timeline`;
  const labels =
    order === "newest" ? { previous: "Newer entries", next: "Older entries" } : { previous: "Earlier entries", next: "Later entries" };
  return (
    <nav aria-label="Timeline pages" className="mb-8">
      <ul className="flex flex-wrap gap-x-8 gap-y-2 list-none p-0 m-0 body-m font-bold">
        {page.previous ? (
          <li>
            <Link href={link({ [TIMELINE_PARAMS.before]: page.previous })} rel="prev" className="link-no-visited">
              <span aria-hidden="true">← </span>
              {labels.previous}
            </Link>
          </li>
        ) : null}
        {page.previous ? (
          <li>
            <Link href={link({})} className="link-no-visited">
              {order === "newest" ? "Newest entries" : "Earliest entries"}
            </Link>
          </li>
        ) : null}
        {page.next ? (
          <li>
            <Link href={link({ [TIMELINE_PARAMS.after]: page.next })} rel="next" className="link-no-visited">
              {labels.next}
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
