import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "./class-names";

export type SummaryListAction = {
  href: string;
  /** Defaults to "Change". */
  label?: string;
  /** Read after the label by screen readers: "Change <date of birth>". */
  visuallyHiddenText: string;
};

export type SummaryListRow = {
  key: ReactNode;
  /** Shown as-is; pass `null`/"" for a missing value and it reads "Not recorded". */
  value: ReactNode;
  action?: SummaryListAction;
};

export type SummaryListProps = {
  rows: readonly SummaryListRow[];
  /** Drop the row separators (for short lists inside other content). */
  noBorder?: boolean;
  className?: string;
};

const isEmpty = (value: ReactNode) => value === null || value === undefined || value === "";

/** Key → value rows for a record's details, each with an optional "Change" link. */
export function SummaryList({ rows, noBorder, className }: SummaryListProps) {
  const anyActions = rows.some((row) => row.action);
  return (
    <dl className={cx("mb-6 sm:mb-8 sm:table sm:w-full sm:table-fixed sm:border-collapse body-m", className)}>
      {rows.map((row, index) => (
        <div
          key={index}
          className={cx(
            "mb-4 sm:mb-0 sm:table-row",
            !noBorder && "border-b border-border pb-2 sm:pb-0",
            // keeps the row's last cell (and its border) when other rows have actions
            anyActions && !row.action && "sm:after:table-cell sm:after:w-[20%]",
          )}
        >
          <dt className="mb-1 font-bold sm:table-cell sm:w-[30%] sm:py-2.5 sm:pr-5 sm:align-top">{row.key}</dt>
          <dd className="mb-1 sm:table-cell sm:py-2.5 sm:pr-5 sm:align-top break-words [&>*:last-child]:mb-0">
            {isEmpty(row.value) ? <span className="text-ink-secondary">Not recorded</span> : row.value}
          </dd>
          {row.action ? (
            <dd className="sm:table-cell sm:w-[20%] sm:py-2.5 sm:text-right sm:align-top">
              <Link href={row.action.href} className="link-no-visited">
                {row.action.label ?? "Change"}
                <span className="sr-only"> {row.action.visuallyHiddenText}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
