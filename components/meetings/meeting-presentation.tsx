"use client";

import Link from "next/link";
import { useEffect } from "react";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { RiskTag, Tag } from "@/components/ui/tag";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { PackItem } from "@/lib/meetings/data";
import { MINUTES_MARKING } from "@/lib/meetings/labels";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { NEXT_CASE, PREVIOUS_CASE, startingIndex, useAgendaNavigation, withShortcut } from "./agenda-navigation";
import { AgendaReasonTag } from "./meeting-tags";
import { ActionsList, latestRiskText } from "./pack-item";

// The presentation: the case on screen in meeting mode, for a projector or a shared screen. Only
// what the room needs to read from the back: the case's summary, its risk, what was decided and
// the actions agreed, in large black-on-white type, with a thin bar for moving between cases (the
// same shortcuts as meeting mode) and the way back. It fits a 1280×720 CSS-pixel screen (a
// 1920×1080 projector at 150% zoom) with the case's content above the fold.

// Type for the room: larger than the service's scale, and larger again on big screens.
const HEADING = "text-[1.75rem] lg:text-[2.5rem] 2xl:text-[3.25rem] leading-[1.15] font-bold break-words";
const SUBHEADING = "text-[1.375rem] lg:text-[1.75rem] 2xl:text-[2.25rem] leading-tight font-bold mb-1 lg:mb-2";
const BODY = "text-[1.25rem] lg:text-[1.5rem] 2xl:text-[1.875rem] leading-[1.35]";
const BAR_LINK = "text-white visited:text-white hover:text-white underline underline-offset-[0.1578em] hover:decoration-[3px]";
const BAR_BUTTON =
  "min-h-8 px-3 py-1 border-2 border-white bg-transparent text-white cursor-pointer disabled:opacity-60 disabled:cursor-not-allowed";

export function MeetingPresentation({
  meeting,
  items,
  askedPosition,
}: {
  meeting: { id: string; reference: string; panel: Panel };
  items: PackItem[];
  /** The agenda position to open at (`?case=`, from meeting mode); otherwise the first case. */
  askedPosition?: string | string[];
}) {
  const { index, go } = useAgendaNavigation({
    count: items.length,
    start: startingIndex(askedPosition, items.length, 0),
    headingId: (i) => (items[i] ? `present-heading-${items[i].id}` : undefined),
  });
  const item = items[index];

  // The address follows the case on screen (a position, nothing personal), so a reload stays on it.
  useEffect(() => {
    if (items.length > 0) window.history.replaceState(null, "", `?case=${index + 1}`);
  }, [index, items.length]);

  return (
    <>
      <div className="bg-ink text-white px-4 lg:px-10 py-2 flex flex-wrap items-center gap-x-8 gap-y-2 body-s">
        <Link href={`/meetings/${meeting.id}/run${item ? `?case=${index + 1}` : ""}`} className={BAR_LINK}>
          Back to meeting mode
        </Link>
        <p className="m-0">
          {PANEL_NAMES[meeting.panel]} meeting {meeting.reference}
          {item ? (
            <span aria-live="polite">
              {" "}
              · Case {index + 1} of {items.length}
            </span>
          ) : null}
        </p>
        {item ? (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 sm:ml-auto">
            {/* Labelled with their shortcuts, as in meeting mode (./agenda-navigation). */}
            <button type="button" className={BAR_BUTTON} onClick={() => go(index - 1)} disabled={index === 0}>
              {withShortcut(PREVIOUS_CASE)}
            </button>
            <button type="button" className={BAR_BUTTON} onClick={() => go(index + 1)} disabled={index === items.length - 1}>
              {withShortcut(NEXT_CASE)}
            </button>
          </div>
        ) : null}
      </div>
      {meeting.panel === "MARAC" ? (
        <RestrictedBanner marking={MINUTES_MARKING} className="mb-0 sm:mb-0 py-1 lg:px-10">
          {null}
        </RestrictedBanner>
      ) : null}

      {item ? (
        <article aria-labelledby={`present-heading-${item.id}`} className="px-4 lg:px-10 pt-4 lg:pt-6 pb-8">
          <h1 id={`present-heading-${item.id}`} tabIndex={-1} className={`${HEADING} mb-3 focus:outline-none focus-visible:outline-3`}>
            {item.position}. {item.case.reference}: {item.case.title}
          </h1>
          <p className={`${BODY} flex flex-wrap items-center gap-x-4 gap-y-2 mb-4 lg:mb-6 [&>strong]:text-[length:inherit]`}>
            <RiskTag level={item.case.riskLevel} />
            <AgendaReasonTag reason={item.reason} />
            {item.reviewedAt ? <Tag colour="green">Reviewed</Tag> : null}
            <span>Led by {item.case.leadOrganisation.name}</span>
          </p>
          <div className="grid gap-x-12 lg:grid-cols-2">
            <div>
              <h2 className={SUBHEADING}>Summary</h2>
              <p className={`${BODY} whitespace-pre-line`}>{item.case.summary || "No summary recorded."}</p>
              <h2 className={SUBHEADING}>Risk</h2>
              <p className={BODY}>{latestRiskText(item.latestRisk)}</p>
            </div>
            <div>
              <h2 className={SUBHEADING}>Decision</h2>
              <p className={`${BODY} whitespace-pre-line`}>{item.decision || "Nothing decided yet."}</p>
              <h2 className={SUBHEADING}>Actions agreed</h2>
              <ActionsList actions={item.agreedActions} empty="None yet." className={BODY} />
            </div>
          </div>
        </article>
      ) : (
        <h1 className={`${HEADING} px-4 lg:px-10 py-6`}>No cases are on the agenda</h1>
      )}
    </>
  );
}
