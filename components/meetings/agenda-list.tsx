"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { RiskTag } from "@/components/ui/tag";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { moveAgendaItemAction } from "@/lib/meetings/actions";
import type { AgendaItemView } from "@/lib/meetings/data";
import { AgendaReasonTag } from "./meeting-tags";

/**
 * The agenda in order. For the chair, each item has "Move up" and "Move down" buttons (keyboard
 * and screen-reader friendly; there is no drag and drop): focus stays on the button pressed as the
 * item moves, and the new position is announced.
 */
export function AgendaList({ meetingId, items, mayReorder }: { meetingId: string; items: AgendaItemView[]; mayReorder: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [announcement, setAnnouncement] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId) as HTMLButtonElement | null;
    if (target && !target.disabled) target.focus();
    else document.getElementById(focusId.replace(/^move-(up|down)/, (_m, d: string) => (d === "up" ? "move-down" : "move-up")))?.focus();
  }, [items, focusId]);

  function move(item: AgendaItemView, direction: "up" | "down", index: number) {
    startTransition(async () => {
      const result = await moveAgendaItemAction({ meetingId, itemId: item.id, direction });
      if (!result.ok) {
        setAnnouncement(result.message ?? "That item could not be moved.");
        return;
      }
      const position = direction === "up" ? index : index + 2;
      setAnnouncement(`${item.case.reference} moved to position ${position} of ${items.length}`);
      setFocusId(`move-${direction}-${item.id}`);
      router.refresh();
    });
  }

  if (items.length === 0) return <p className="body-m">No cases are on the agenda yet.</p>;
  return (
    <>
      <ol className="list-none p-0 m-0 mb-6 border-t border-border">
        {items.map((item, index) => (
          <li key={item.id} className="py-3 border-b border-border flex flex-wrap gap-x-6 gap-y-2 items-start justify-between">
            <div>
              <p className="heading-s m-0">
                <span className="tabular-nums">{index + 1}.</span>{" "}
                <Link href={`/cases/${item.case.id}`} className="link-no-visited">
                  {item.case.reference}
                </Link>
                : {item.case.title}
              </p>
              <p className="body-s m-0 mt-1 flex flex-wrap gap-2 items-center">
                <AgendaReasonTag reason={item.reason} />
                <RiskTag level={item.case.riskLevel} />
                {item.referral ? <span>Referral {item.referral.reference}</span> : null}
                {item.reviewedAt ? <span>Reviewed</span> : null}
              </p>
            </div>
            {mayReorder ? (
              <div className="flex gap-3">
                <button
                  type="button"
                  id={`move-up-${item.id}`}
                  className="app-button body-s px-2 py-1 border-2 border-ink bg-white disabled:opacity-50"
                  disabled={index === 0 || pending}
                  onClick={() => move(item, "up", index)}
                >
                  Move up<VisuallyHidden> {item.case.reference}</VisuallyHidden>
                </button>
                <button
                  type="button"
                  id={`move-down-${item.id}`}
                  className="app-button body-s px-2 py-1 border-2 border-ink bg-white disabled:opacity-50"
                  disabled={index === items.length - 1 || pending}
                  onClick={() => move(item, "down", index)}
                >
                  Move down<VisuallyHidden> {item.case.reference}</VisuallyHidden>
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
