import { NotificationBanner } from "@/components/ui/notification-banner";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import type { CaseConflict } from "@/lib/cases/form-state";

/** Shown to the officer whose save lost the race: what the case (or its action) says now, and what differs. */
export function CaseConflictBanner({ conflict, what = "case" }: { conflict: CaseConflict; what?: "case" | "action" }) {
  return (
    <NotificationBanner title="Important" heading={`Someone else changed this ${what} while you were editing it`} role="alert" focusOnMount>
      <p>Your changes have not been saved. They are still in the form below. The {what} now reads:</p>
      <SummaryList
        rows={conflict.rows.map((row) => ({
          key: row.key,
          value: (
            <>
              <span className="whitespace-pre-line">{row.value}</span>
              {row.differs ? (
                <>
                  {" "}
                  <Tag colour="yellow">Differs from yours</Tag>
                </>
              ) : null}
            </>
          ),
        }))}
      />
      <p>Check your changes against theirs. Saving again will replace their version with yours.</p>
    </NotificationBanner>
  );
}
