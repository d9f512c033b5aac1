import Link from "next/link";
import { cx } from "./class-names";
import { hrefWithParams } from "./search-params";
import type { SearchParamsRecord } from "@/lib/search-params";

export type PaginationItem = number | "ellipsis";

/**
 * The page numbers to show: the first and last pages, the current page and its neighbours, with an
 * ellipsis for each gap (a gap of one page shows that page instead). 1 … 4 [5] 6 … 10
 */
export function paginationItems(current: number, total: number): PaginationItem[] {
  if (total < 1) return [];
  const page = Math.min(Math.max(1, current), total);
  const shown = [...new Set([1, page - 1, page, page + 1, total])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  shown.forEach((n, index) => {
    const previous = shown[index - 1];
    if (previous !== undefined && n - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && n - previous > 2) items.push("ellipsis");
    items.push(n);
  });
  return items;
}

export type PaginationProps = {
  page: number;
  totalPages: number;
  pathname: string;
  /** The current search params: filters and sort are kept in every link. */
  searchParams: SearchParamsRecord;
  /** Default "page". */
  pageParam?: string;
  /** Where on the page each link lands ("#actions" for a list inside a longer page). */
  fragment?: `#${string}`;
  /** Names the navigation when a page has more than one list ("Finished actions pages"). Default "Pagination". */
  label?: string;
  className?: string;
};

function ArrowIcon({ direction }: { direction: "prev" | "next" }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 16 14"
      className={cx("inline-block w-4 h-3.5 fill-none stroke-current stroke-2", direction === "next" && "-scale-x-100")}
    >
      <path d="M8 1 2 7l6 6M2 7h14" />
    </svg>
  );
}

/** Previous / page numbers / Next, as links that keep the list's other search params. */
export function Pagination({
  page,
  totalPages,
  pathname,
  searchParams,
  pageParam = "page",
  fragment,
  label = "Pagination",
  className,
}: PaginationProps) {
  if (totalPages <= 1) return null;
  const current = Math.min(Math.max(1, page), totalPages);
  // Page 1 is the list's plain address, without ?page=1.
  const hrefFor = (n: number) => `${hrefWithParams(pathname, searchParams, { [pageParam]: n === 1 ? null : n })}${fragment ?? ""}`;
  const linkClass = "link-no-visited inline-block min-w-11 px-3 py-2.5 text-center font-bold";

  return (
    <nav aria-label={label} className={cx("mb-6 sm:mb-8", className)}>
      <ul className="flex flex-wrap items-center list-none p-0 m-0 -mx-3">
        {current > 1 ? (
          <li className="mr-2">
            <Link href={hrefFor(current - 1)} rel="prev" className={cx(linkClass, "inline-flex items-center gap-2")}>
              <ArrowIcon direction="prev" />
              <span>
                Previous<span className="sr-only"> page</span>
              </span>
            </Link>
          </li>
        ) : null}
        {paginationItems(current, totalPages).map((item, index) =>
          item === "ellipsis" ? (
            <li key={`ellipsis-${index}`} className="px-2 py-2.5 font-bold text-ink-secondary">
              ⋯
            </li>
          ) : (
            <li key={item} className={cx(item !== 1 && item !== totalPages && item !== current && "hidden sm:block")}>
              {item === current ? (
                <Link
                  href={hrefFor(item)}
                  aria-label={`Page ${item}`}
                  aria-current="page"
                  className={cx(linkClass, "bg-brand text-white no-underline")}
                >
                  {item}
                </Link>
              ) : (
                <Link href={hrefFor(item)} aria-label={`Page ${item}`} className={linkClass}>
                  {item}
                </Link>
              )}
            </li>
          ),
        )}
        {current < totalPages ? (
          <li className="ml-2">
            <Link href={hrefFor(current + 1)} rel="next" className={cx(linkClass, "inline-flex items-center gap-2")}>
              <span>
                Next<span className="sr-only"> page</span>
              </span>
              <ArrowIcon direction="next" />
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
