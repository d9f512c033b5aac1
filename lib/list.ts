import { firstParam, type SearchParamsRecord } from "@/lib/search-params";

// Server-side paging and sorting for every list: the page, sort column and direction come from
// the URL (so a list can be bookmarked and shared) and are checked against what the list allows.

export type SortDirection = "asc" | "desc";

export type ListQuery<S extends string> = { page: number; pageSize: number; sort: S; dir: SortDirection; skip: number };

export type ListOptions<S extends string> = {
  sorts: readonly S[];
  defaultSort: S;
  defaultDir?: SortDirection;
  pageSize?: number;
};

/** Past this many matches a list says "more than 10,000" instead of counting every row. */
export const COUNT_CAP = 10_000;
const MAX_PAGE = 1_000;

export function parseListQuery<S extends string>(params: SearchParamsRecord, options: ListOptions<S>): ListQuery<S> {
  const pageSize = options.pageSize ?? 25;
  const page = pageNumberParam(firstParam(params.page));
  const requestedSort = firstParam(params.sort);
  const sort = (options.sorts as readonly string[]).includes(requestedSort ?? "") ? (requestedSort as S) : options.defaultSort;
  const requestedDir = firstParam(params.dir);
  const dir: SortDirection = requestedDir === "asc" || requestedDir === "desc" ? requestedDir : (options.defaultDir ?? "desc");
  return { page, pageSize, sort, dir, skip: (page - 1) * pageSize };
}

export type Page<T> = {
  rows: T[];
  page: number;
  pageSize: number;
  /** Matches counted up to COUNT_CAP; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
  totalPages: number;
};

export function pageOf<T>(rows: T[], countedUpToCap: number, query: { page: number; pageSize: number }): Page<T> {
  const totalCapped = countedUpToCap > COUNT_CAP;
  const total = Math.min(countedUpToCap, COUNT_CAP);
  return {
    rows,
    page: query.page,
    pageSize: query.pageSize,
    total,
    totalCapped,
    totalPages: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

/**
 * A page number from the address (`?page=2`, or `?actionsPage=2` for a list inside a case): a
 * whole number from 1 up to the last page any list pages to; anything else (missing, "abc", "-1",
 * "2.5") is page 1.
 */
export function pageNumberParam(value: string | undefined): number {
  if (!value || !/^\d{1,7}$/.test(value.trim())) return 1;
  return Math.min(Math.max(1, Number(value.trim())), MAX_PAGE);
}

/**
 * One page of a list inside a record's page, read with `read(skip, take)` and counted with
 * `count()` together. A page past the end (an old link, a typed address) answers the first page,
 * never an empty one.
 */
export async function readPage<T>(
  page: number,
  pageSize: number,
  read: (skip: number, take: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const requested = Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1;
  const [rows, counted] = await Promise.all([read((requested - 1) * pageSize, pageSize), count()]);
  if (rows.length === 0 && requested > 1) return pageOf(await read(0, pageSize), counted, { page: 1, pageSize });
  return pageOf(rows, counted, { page: requested, pageSize });
}

/** "Showing 51 to 100 of 132" for a page of a list (nothing for an empty one). */
export function showingWords(page: Page<unknown>): string {
  if (page.rows.length === 0) return "";
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.rows.length - 1;
  const of = page.totalCapped ? `more than ${page.total.toLocaleString("en-GB")}` : page.total.toLocaleString("en-GB");
  return `Showing ${first.toLocaleString("en-GB")} to ${last.toLocaleString("en-GB")} of ${of}`;
}
