import Link from "next/link";
import { hrefWithParams } from "@/components/ui/search-params";
import { cx } from "@/components/ui/class-names";
import type { Figure, ReturnReport, ReturnTable } from "@/lib/returns/tables";

/** Where a figure's records are listed: the return's records page with the figure in the URL. */
export function figureHref(report: Pick<ReturnReport, "key" | "period">, figure: Figure): string {
  return hrefWithParams(`/returns/${report.key}/records`, {}, { period: report.period.key, measure: figure.measure, ...figure.filter });
}

const CELL = "py-2.5 pr-4 last:pr-0 border-b border-border align-top";

/**
 * One table of a return: a caption, column headers, the row's labels as row headers, and every
 * figure a link to the records behind it whose accessible name says the figure in words.
 */
function ReturnTableView({ report, table }: { report: ReturnReport; table: ReturnTable }) {
  return (
    <div role="region" aria-labelledby={`${table.id}-caption`} tabIndex={0} className="relative mb-8 overflow-x-auto focus-box">
      <table className="w-full border-collapse body-s" id={table.id}>
        <caption id={`${table.id}-caption`} className="heading-m mb-4 text-left">
          {table.caption}
        </caption>
        <thead>
          <tr>
            {table.labelHeaders.map((h) => (
              <th key={h} scope="col" className={cx(CELL, "font-bold text-left align-bottom")}>
                {h}
              </th>
            ))}
            {table.figureHeaders.map((h) => (
              <th key={h} scope="col" className={cx(CELL, "font-bold text-right align-bottom")}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key} className={row.total ? "font-bold" : undefined}>
              {row.labels.map((label, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className={cx(CELL, "text-left font-bold", !label.includes(" ") && "whitespace-nowrap")}>
                    {label}
                  </th>
                ) : (
                  <td key={i} className={cx(CELL, "text-left", !label.includes(" ") && "whitespace-nowrap")}>
                    {label}
                  </td>
                ),
              )}
              {row.figures.map((figure) => (
                <td key={figure.measure} className={cx(CELL, "text-right tabular-nums")}>
                  <Link href={figureHref(report, figure)} aria-label={figure.name} className="link-no-visited">
                    {figure.value.toLocaleString("en-GB")}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReturnTables({ report }: { report: ReturnReport }) {
  return (
    <>
      {report.tables.map((table) => (
        <ReturnTableView key={table.id} report={report} table={table} />
      ))}
    </>
  );
}
