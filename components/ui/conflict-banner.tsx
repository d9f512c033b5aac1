import { NotificationBanner } from "./notification-banner";
import { SummaryList } from "./summary-list";
import { Tag } from "./tag";

/** A record as another officer saved it, row by row, each marked where it differs from what this officer typed. */
export type SavedByOthers = { rows: { key: string; value: string; differs: boolean }[] };

/**
 * Shown to the officer whose save lost the race (a case, an action, an incident...): what the
 * record says now, and what differs. What they typed stays in the form below.
 */
export function ConflictBanner({ conflict, what }: { conflict: SavedByOthers; what: "case" | "action" | "incident" }) {
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
