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
  const requestedPage = Number.parseInt(firstParam(params.page) ?? "1", 10);
  const page = Number.isFinite(requestedPage) ? Math.min(Math.max(1, requestedPage), MAX_PAGE) : 1;
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
