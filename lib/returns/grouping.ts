import { plural, type Figure, type ReturnRow, type ReturnRowGroup } from "./tables";

// Grouping a return's rows for the preview: the tools and powers return's organisations under
// their organisation type, each type with a subtotal row. Pure: no database, no React. On screen
// only; the downloads keep the rows exactly as counted, without subtotals.

/**
 * Each figure column added up over the rows, column by column. Every figure the returns group is
 * a count of events that belong to exactly one row (one organisation and one kind of power; a
 * power "breached" belongs to one organisation too), so a column's sum is the group's figure.
 */
export function sumFigureColumns(rows: readonly ReturnRow[]): number[] {
  const sums: number[] = [];
  for (const row of rows) row.figures.forEach((figure, i) => (sums[i] = (sums[i] ?? 0) + figure.value));
  return sums;
}

export type GroupingOptions<G extends string> = {
  /** The groups in the order shown; a group with no rows is left out. */
  order: readonly G[];
  label: (group: G) => string;
  /** What a member is (counted by the row's first label): "organisation" → "2 organisations". */
  memberNoun: string;
  /** The subtotal row's labels: ["Police", "All powers"]. */
  subtotalLabels: (group: G) => string[];
  /** The subtotal figure for one column, named and filtered as a figure of the group. */
  subtotalFigure: (group: G, column: Figure, value: number) => Figure;
};

/**
 * The rows that carry a `group`, gathered under their groups in the given order, each with a
 * subtotal row. Rows keep their order within a group; rows without a group (the totals) and rows
 * of a group not in `order` are not in any group.
 */
export function groupReturnRows<G extends string>(rows: readonly ReturnRow[], options: GroupingOptions<G>): ReturnRowGroup[] {
  return options.order.flatMap((group) => {
    const members = rows.filter((row) => row.group === group);
    if (members.length === 0) return [];
    const sums = sumFigureColumns(members);
    const n = new Set(members.map((row) => row.labels[0])).size;
    return [
      {
        key: group,
        label: options.label(group),
        holds: `${n} ${plural(n, options.memberNoun)}`,
        subtotal: {
          key: `subtotal:${group}`,
          labels: options.subtotalLabels(group),
          figures: members[0]!.figures.map((column, i) => options.subtotalFigure(group, column, sums[i] ?? 0)),
          total: true,
        },
        rows: members,
      },
    ];
  });
}
