import type { ReturnKey, ReturnReport, ReturnRow } from "./tables";

// The chart above each return: its main series as horizontal bars, drawn as plain SVG on the
// server (components/returns/return-chart.tsx). The series is read from the report's own rows, so
// the chart shows exactly the table's figures; the figures themselves stay in the table. Pure:
// no database, no React.

export type ChartBar = { label: string; value: number };

export type ChartSeries = {
  /** The chart's name: "Powers issued, by kind". */
  title: string;
  /** What a bar counts, for the text alternative: "powers issued". */
  counts: string;
  bars: ChartBar[];
};

type SeriesDefinition = {
  table: string;
  measure: string;
  title: string;
  counts: string;
  barLabel: (row: ReturnRow) => string;
  /** Categories read best largest first; meetings in the order they were held (the table's). */
  order: "largest-first" | "as-in-the-table";
};

const atMeeting = (row: ReturnRow) => `${row.labels[1]} ${row.labels[0]}`;

const MAIN_SERIES: Record<ReturnKey, SeriesDefinition> = {
  "tools-and-powers": {
    table: "by-organisation-type",
    measure: "issued",
    title: "Powers issued, by kind",
    counts: "powers issued",
    barLabel: (row) => row.labels[1]!,
    order: "largest-first",
  },
  "community-trigger": {
    table: "community-trigger",
    measure: "received",
    title: "Applications received, by lead organisation",
    counts: "Community Trigger applications received",
    barLabel: (row) => row.labels[0]!,
    order: "largest-first",
  },
  "ccm-activity": {
    table: "ccm-meetings",
    measure: "cases-heard",
    title: "Cases heard at each CCM meeting",
    counts: "cases heard",
    barLabel: atMeeting,
    order: "as-in-the-table",
  },
  marac: {
    table: "marac-meetings",
    measure: "cases-discussed",
    title: "Cases discussed at each MARAC meeting",
    counts: "cases discussed",
    barLabel: atMeeting,
    order: "as-in-the-table",
  },
};

/**
 * The return's main series: one bar per label (rows with the same label added up: the tools and
 * powers return's kinds over the organisation types), total rows left out; in a chart of
 * categories, largest first, a category at zero has no bar.
 */
export function mainSeries(report: ReturnReport): ChartSeries {
  const definition = MAIN_SERIES[report.key];
  const table = report.tables.find((t) => t.id === definition.table);
  const sums = new Map<string, number>();
  for (const row of table?.rows ?? []) {
    if (row.total) continue;
    const figure = row.figures.find((f) => f.measure === definition.measure);
    if (!figure) continue;
    const label = definition.barLabel(row);
    sums.set(label, (sums.get(label) ?? 0) + figure.value);
  }
  let bars = [...sums].map(([label, value]) => ({ label, value }));
  // A kind of power in the table for its breaches alone was not issued: no bar. A meeting that heard nothing keeps its place.
  if (definition.order === "largest-first")
    bars = bars.filter((bar) => bar.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  return { title: definition.title, counts: definition.counts, bars };
}

/** The chart in words, for its text alternative: every bar's figure, then the total. */
export function seriesInWords(series: ChartSeries, periodLabel: string): string {
  const total = series.bars.reduce((sum, bar) => sum + bar.value, 0);
  const bars = series.bars.map((bar) => `${bar.label}: ${bar.value.toLocaleString("en-GB")}`).join("; ");
  return `Bar chart of the ${series.counts} in ${periodLabel}. ${bars}. Total ${total.toLocaleString("en-GB")}. The figures are in the table below.`;
}

// ───────────────────────────── Layout ─────────────────────────────

/**
 * Sizes in CSS pixels, vertical only: each bar's label sits above it, so the chart is as wide as
 * its column and the text keeps its size at any width (bar lengths are percentages of the width).
 */
export const CHART_SIZES = {
  lineHeight: 20,
  barHeight: 20,
  labelToBar: 4,
  rowGap: 16,
  /** The longest bar's share of the width: the rest holds its figure beside it. */
  longestBarPercent: 80,
  /** Characters on a label's line (about 300 px of 16 px text: a phone's width). */
  labelLineChars: 34,
} as const;

export type ChartRowLayout = { lines: string[]; labelTop: number; barTop: number; barPercent: number; value: number };

/** A label on lines of at most `maxChars` characters, broken between words (a longer word keeps its own line). */
export function wrapLabel(label: string, maxChars: number = CHART_SIZES.labelLineChars): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [""];
}

/** A bar's length as a percentage of the chart's width: the largest value reaches `longestBarPercent`. */
export function barPercent(value: number, largest: number): number {
  if (largest <= 0 || value <= 0) return 0;
  // A figure of 1 beside one of 10,000 still shows a sliver.
  return Math.max(0.5, Math.round((value / largest) * CHART_SIZES.longestBarPercent * 100) / 100);
}

export function barChartLayout(bars: readonly ChartBar[]): { height: number; rows: ChartRowLayout[] } {
  const largest = Math.max(0, ...bars.map((bar) => bar.value));
  const { lineHeight, barHeight, labelToBar, rowGap } = CHART_SIZES;
  let top = 0;
  const rows = bars.map((bar) => {
    const lines = wrapLabel(bar.label);
    const labelTop = top;
    const barTop = labelTop + lines.length * lineHeight + labelToBar;
    top = barTop + barHeight + rowGap;
    return { lines, labelTop, barTop, barPercent: barPercent(bar.value, largest), value: bar.value };
  });
  return { height: Math.max(0, top - rowGap), rows };
}
