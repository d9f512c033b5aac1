import Link from "next/link";
import { hrefWithParams } from "@/components/ui/search-params";
import { cx } from "@/components/ui/class-names";
import type { Figure, ReturnReport, ReturnRow, ReturnRowGroup, ReturnTable } from "@/lib/returns/tables";

/** Where a figure's records are listed: the return's records page with the figure in the URL. */
export function figureHref(report: Pick<ReturnReport, "key" | "period">, figure: Figure): string {
  return hrefWithParams(`/returns/${report.key}/records`, {}, { period: report.period.key, measure: figure.measure, ...figure.filter });
}

const CELL = "py-2.5 pr-3 last:pr-0 border-b border-border align-top";
// Room for an organisation's or a power's name on a line or two.
const LABEL_WIDTH = ["min-w-[10rem] sm:min-w-[14rem] xl:min-w-[20rem]", "min-w-[10rem] sm:min-w-[13rem]"];

/** A figure: a link to the records behind it, named in words; a zero has no records to list, so it is plain. */
function FigureCell({ report, figure }: { report: ReturnReport; figure: Figure }) {
  return (
    <td className={cx(CELL, "text-right tabular-nums whitespace-nowrap", figure.value === 0 && "text-ink-secondary")}>
      {figure.value === 0 ? (
        "0"
      ) : (
        <Link href={figureHref(report, figure)} aria-label={figure.name} className="link-no-visited">
          {figure.value.toLocaleString("en-GB")}
        </Link>
      )}
    </td>
  );
}

type RowsProps = { report: ReturnReport; table: ReturnTable; rows: readonly ReturnRow[]; className?: string };

/**
 * Rows of a table, labels then figures. A first label that repeats the row above (the same
 * meeting) is said to screen readers but not shown again. In a nested table the first label
 * heads its run of rows in a row of its own, and each row's header (the power) says it too, to
 * screen readers.
 */
function RowsView({ report, table, rows, className }: RowsProps) {
  const width = 1 + (table.nested ? 0 : table.labelHeaders.length - 1) + table.figureHeaders.length;
  return rows.flatMap((row, i) => {
    const [first = "", ...rest] = row.labels;
    const repeats = i > 0 && !row.total && first === rows[i - 1]!.labels[0];
    const figures = row.figures.map((figure) => <FigureCell key={figure.measure} report={report} figure={figure} />);
    if (table.nested) {
      const header = row.total ? (
        <th scope="row" className={cx(CELL, "text-left font-bold", LABEL_WIDTH[0])}>
          {first} <span className="font-normal">({rest.join(", ").toLowerCase()})</span>
        </th>
      ) : (
        <th scope="row" className={cx(CELL, "text-left font-normal pl-4", LABEL_WIDTH[0])}>
          <span className="sr-only">{first}: </span>
          {rest.join(", ")}
        </th>
      );
      return [
        repeats || row.total ? null : (
          <tr key={`${row.key}:heading`} className={className}>
            <td colSpan={width} className={cx(CELL, "pt-4 text-left font-bold")}>
              {first}
            </td>
          </tr>
        ),
        <tr key={row.key} className={cx(row.total && "font-bold", className)}>
          {header}
          {figures}
        </tr>,
      ];
    }
    return [
      <tr key={row.key} className={cx(row.total && "font-bold", className)}>
        <th scope="row" className={cx(CELL, "text-left font-bold", LABEL_WIDTH[0])}>
          {repeats ? <span className="sr-only">{first}</span> : first}
        </th>
        {rest.map((label, n) => (
          <td key={n} className={cx(CELL, "text-left", LABEL_WIDTH[n + 1])}>
            {label}
          </td>
        ))}
        {figures}
      </tr>,
    ];
  });
}

/**
 * A group's subtotal row, whose header is a disclosure (native details/summary: it works without
 * JavaScript) that shows the group's rows below it; they are hidden while it is closed. A browser
 * without :has() shows them all.
 */
function GroupView({ report, table, group }: { report: ReturnReport; table: ReturnTable; group: ReturnRowGroup }) {
  const [label, ...labels] = group.subtotal.labels;
  const holds = `(${table.nested ? [group.holds, ...labels.map((l) => l.toLowerCase())].join(", ") : group.holds})`;
  return (
    <tbody className="group/rows">
      <tr className="font-bold bg-surface">
        {/* Named outright: Chromium does not name a header cell from a disclosure inside it. */}
        <th scope="row" aria-label={`${label} ${holds}`} className={cx(CELL, "pl-1 text-left", LABEL_WIDTH[0])}>
          <details>
            <summary className="cursor-pointer min-h-6 text-link hover:text-link-hover">
              {label} <span className="font-normal">{holds}</span>
            </summary>
          </details>
        </th>
        {table.nested
          ? null
          : labels.map((text, i) => (
              <td key={i} className={cx(CELL, "text-left", LABEL_WIDTH[i + 1])}>
                {text}
              </td>
            ))}
        {group.subtotal.figures.map((figure) => (
          <FigureCell key={figure.measure} report={report} figure={figure} />
        ))}
      </tr>
      <RowsView report={report} table={table} rows={group.rows} className="group-has-[details:not([open])]/rows:hidden" />
    </tbody>
  );
}

/** A nested table's labels share one column: "Issuing organisation and power". */
function labelHeaders(table: ReturnTable): string[] {
  const [first = "", ...rest] = table.labelHeaders;
  return table.nested ? [[first, ...rest.map((h) => h.toLowerCase())].join(" and ")] : table.labelHeaders;
}

/** The rows in no group: the totals. */
function ungrouped(table: ReturnTable): ReturnRow[] {
  const grouped = new Set(table.groups?.flatMap((group) => group.rows.map((row) => row.key)));
  return table.rows.filter((row) => !grouped.has(row.key));
}

/**
 * One table of a return: a caption, column headers, the row's labels as row headers, and every
 * figure above zero a link to the records behind it whose accessible name says the figure in
 * words. A wide table scrolls inside its own labelled box, never the page.
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
            {labelHeaders(table).map((h) => (
              <th key={h} scope="col" className={cx(CELL, "font-bold text-left align-bottom")}>
                {h}
              </th>
            ))}
            {table.figureHeaders.map((h) => (
              <th key={h} scope="col" className={cx(CELL, "font-bold text-right align-bottom text-sm min-w-[4rem]")}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        {table.groups ? (
          <>
            {table.groups.map((group) => (
              <GroupView key={group.key} report={report} table={table} group={group} />
            ))}
            <tbody>
              <RowsView report={report} table={table} rows={ungrouped(table)} />
            </tbody>
          </>
        ) : (
          <tbody>
            <RowsView report={report} table={table} rows={table.rows} />
          </tbody>
        )}
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
