import Link from "next/link";
import { cx } from "@/components/ui/class-names";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { PANEL_NAMES } from "@/lib/panels/labels";
import type { CaseDetail, CaseOverview } from "@/lib/cases/data";

// The top of the case page: its contents, so any section (the timeline above all) is one press
// away on a long page, and what matters first (who leads, when it is next discussed, what is due)
// with the figures of what it holds, each a link to its section.

type Figure = { label: string; value: number; href: `#${string}`; alert?: string };

/**
 * The page's contents, then "At a glance": who leads, when the case is next discussed, what is due,
 * and figures that each link to the section that lists them. (Status and risk are the tags under
 * the heading, just above.)
 */
export function CaseAtAGlance({
  caseDetail: c,
  overview: o,
  sections,
}: {
  caseDetail: CaseDetail;
  overview: CaseOverview;
  sections: readonly { id: string; title: string }[];
}) {
  const shown = new Set(sections.map((s) => s.id));
  const figures: Figure[] = [
    {
      label: o.openActions === 1 ? "open action" : "open actions",
      value: o.openActions,
      href: "#actions",
      alert: o.overdueActions > 0 ? `${o.overdueActions} overdue` : undefined,
    },
    { label: o.incidents === 1 ? "incident" : "incidents", value: o.incidents, href: "#incidents" },
    { label: o.powers === 1 ? "tool or power used" : "tools and powers used", value: o.powers, href: "#powers" },
    { label: c.people.length === 1 ? "person" : "people", value: c.people.length, href: "#people" },
  ];
  return (
    <>
      <CaseContents sections={sections} />
      <section aria-labelledby="at-a-glance-heading" className="mb-10">
        <h2 id="at-a-glance-heading" className="heading-m">
          At a glance
        </h2>
        <div className="grid grid-cols-1 gap-x-10 lg:grid-cols-2">
          <SummaryList
            className="sm:mb-6"
            rows={[
              { key: "Lead", value: `${c.leadOrganisation.name}${c.leadOfficer ? ` (${c.leadOfficer.name})` : ", no lead officer yet"}` },
              ...(o.nextMeeting || o.seesMeetings
                ? [
                    {
                      key: "Next meeting",
                      value: o.nextMeeting ? (
                        <>
                          {PANEL_NAMES[o.nextMeeting.panel]} on {formatDateTime(o.nextMeeting.startsAt)} (
                          <Link href={`/meetings/${o.nextMeeting.id}`}>{o.nextMeeting.reference}</Link>)
                        </>
                      ) : (
                        "Not on the agenda of a meeting to come"
                      ),
                    },
                  ]
                : []),
              {
                key: "Next action due",
                value: o.nextActionDue ? (
                  <span className="flex flex-wrap items-baseline gap-2">
                    {formatDate(o.nextActionDue)}
                    {o.overdueActions > 0 ? <Tag colour="red">Overdue</Tag> : null}
                  </span>
                ) : (
                  "No open actions"
                ),
              },
            ]}
          />
          <ul className="grid grid-cols-2 gap-3 list-none p-0 m-0 mb-6 self-start">
            {figures
              .filter((f) => shown.has(f.href.slice(1)))
              .map((f) => (
                <li key={f.href} className={cx("border-l-[5px] bg-surface px-3 py-2", f.alert ? "border-error" : "border-brand")}>
                  <a href={f.href} className="group block no-underline text-ink hover:underline focus:text-ink">
                    <span className="block heading-m m-0">{f.value.toLocaleString("en-GB")}</span>
                    <span className="block body-s m-0">{f.label}</span>
                  </a>
                  {f.alert ? (
                    <Tag colour="red" className="mt-1">
                      {f.alert}
                    </Tag>
                  ) : null}
                </li>
              ))}
          </ul>
        </div>
      </section>
    </>
  );
}

/**
 * "Contents": a link to each section of the case page. Following one moves focus to the section
 * (CaseSection takes focus), so keyboard and screen reader users carry on from there.
 */
export function CaseContents({ sections }: { sections: readonly { id: string; title: string }[] }) {
  return (
    <nav aria-labelledby="case-contents-heading" className="mb-8 border-y border-border py-3">
      <h2 id="case-contents-heading" className="heading-s mb-1">
        Contents
      </h2>
      <ul className="list-none p-0 m-0 grid grid-cols-2 gap-x-6 sm:flex sm:flex-wrap sm:gap-x-6 body-m">
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} className="link-no-visited inline-block py-1">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
