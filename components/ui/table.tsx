import Link from "next/link";
import { useId, type ReactNode } from "react";
import { cx } from "./class-names";
import { hrefWithParams } from "./search-params";
import type { SearchParamsRecord } from "@/lib/search-params";

export type SortDirection = "asc" | "desc";

export type TableColumn<Row> = {
  /** Unique within the table. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The value sent as `?sort=`; the column is sortable when given. */
  sortKey?: string;
  /** The direction used when the user first sorts by this column (default "asc"). */
  defaultDir?: SortDirection;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** This column's cells are headers for their row (e.g. the reference). */
  rowHeader?: boolean;
  className?: string;
};

/** The list's current sort and where its links point; other search params (filters) are kept. */
export type TableSort = {
  by: string | undefined;
  dir: SortDirection;
  pathname: string;
  searchParams: SearchParamsRecord;
  /** Search parameter names; default "sort", "dir" and "page" (reset to the first page on sorting). */
  params?: { sort?: string; dir?: string; page?: string };
};

export type TableProps<Row> = {
  caption: ReactNode;
  /** Visually hide the caption when a heading above already says the same. */
  captionHidden?: boolean;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort?: TableSort;
  /** Shown in place of the rows when there are none. */
  emptyMessage?: ReactNode;
  className?: string;
};

/** What a list built on Table (referrals, meetings, documents...) passes on to it as it is. */
export type TableListProps<Row> = Pick<TableProps<Row>, "caption" | "captionHidden" | "rows" | "sort" | "emptyMessage">;

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

function SortIndicator({ dir }: { dir: SortDirection | undefined }) {
  // Decorative: aria-sort on the header tells assistive technology the state.
  const path = dir === "asc" ? "M6 2 11 9H1z" : dir === "desc" ? "M6 10 1 3h10z" : "M6 0l4 5H2zm0 12L2 7h8z";
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 12 12" className="inline-block ml-1.5 size-3 fill-current align-middle">
      <path d={path} />
    </svg>
  );
}

export function sortHref(sort: TableSort, sortKey: string, defaultDir: SortDirection = "asc"): string {
  const names = { sort: "sort", dir: "dir", page: "page", ...sort.params };
  const isCurrent = sort.by === sortKey;
  const dir: SortDirection = isCurrent ? (sort.dir === "asc" ? "desc" : "asc") : defaultDir;
  return hrefWithParams(sort.pathname, sort.searchParams, {
    [names.sort]: sortKey,
    [names.dir]: dir,
    [names.page]: null,
  });
}

/**
 * A data table with a caption and column headers. Sortable columns have links in their headers
 * that set `sort` and `dir` in the URL (the server sorts), and `aria-sort` on the current one.
 * On narrow screens the table scrolls sideways inside a focusable, labelled region.
 */
export function Table<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  sort,
  emptyMessage = "No results.",
  className,
}: TableProps<Row>) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={cx("relative mb-6 sm:mb-8 overflow-x-auto focus-box", className)}
    >
      <table className="w-full border-collapse border-spacing-0 body-m">
        <caption id={captionId} className={cx(captionHidden ? "sr-only" : "heading-m mb-4 text-left")}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sortable = Boolean(sort && column.sortKey);
              const current = sort && column.sortKey && sort.by === column.sortKey ? sort.dir : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sortable ? (current ? ARIA_SORT[current] : "none") : undefined}
                  className={cx("th-cell", column.numeric ? "text-right" : "text-left", column.className)}
                >
                  {sort && column.sortKey ? (
                    <Link
                      href={sortHref(sort, column.sortKey, column.defaultDir)}
                      className="link-no-visited whitespace-nowrap"
                      scroll={false}
                    >
                      {column.header}
                      <SortIndicator dir={current} />
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="py-2.5 border-b border-border text-ink-secondary">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => {
                  const cellClass = cx(
                    "td-cell",
                    column.numeric ? "text-right tabular-nums" : "text-left",
                    column.rowHeader && "font-bold",
                    column.className,
                  );
                  return column.rowHeader ? (
                    <th key={column.key} scope="row" className={cellClass}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={cellClass}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
