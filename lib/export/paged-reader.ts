import type { CellValue } from "./cells";
import type { RowReader } from "./snapshot";

/**
 * A download read page by page in the list's own order (offset and limit, as the list pages), for
 * lists of thousands (cases, actions) rather than millions (incidents and the register read a
 * cursor in one snapshot): memory holds one page. A record changed during the download can move,
 * as it can between two pages of the list in the browser.
 */
export function pagedReader<T>(
  fetchPage: (skip: number, take: number) => Promise<T[]>,
  cells: (row: T) => CellValue[],
): RowReader<CellValue[]> {
  let skip = 0;
  let done = false;
  return {
    async read(max) {
      if (done) return [];
      const rows = await fetchPage(skip, max);
      skip += rows.length;
      if (rows.length < max) done = true;
      return rows.map(cells);
    },
    async close() {
      done = true;
    },
  };
}
