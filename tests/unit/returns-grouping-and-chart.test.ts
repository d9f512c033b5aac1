import { describe, expect, it } from "vitest";
import { barChartLayout, barPercent, CHART_SIZES, mainSeries, seriesInWords, wrapLabel } from "@/lib/returns/chart";
import { returnCsv } from "@/lib/returns/export";
import { groupReturnRows, sumFigureColumns } from "@/lib/returns/grouping";
import { financialYearPeriod } from "@/lib/returns/period";
import {
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  tableSheetRows,
  type Figure,
  type OrganisationType,
  type ReturnReport,
  type ReturnRow,
} from "@/lib/returns/tables";

const MEASURES = ["issued", "breaches"] as const;

function row(key: string, labels: string[], values: number[], extra: Partial<ReturnRow> = {}): ReturnRow {
  return {
    key,
    labels,
    figures: values.map((value, i) => ({ value, measure: MEASURES[i]!, filter: {}, name: `${value} ${MEASURES[i]}` })),
    ...extra,
  };
}

const groupByType = (rows: ReturnRow[]) =>
  groupReturnRows<OrganisationType>(rows, {
    order: ORGANISATION_TYPES,
    label: (type) => ORGANISATION_TYPE_LABELS[type],
    memberNoun: "organisation",
    subtotalLabels: (type) => [ORGANISATION_TYPE_LABELS[type], "All powers"],
    subtotalFigure: (type, column: Figure, value) => ({
      value,
      measure: column.measure,
      filter: { orgType: type },
      name: `${value} by ${type}`,
    }),
  });

describe("the tools and powers return's organisations under their organisation type", () => {
  const rows = [
    row("fire:cpw", ["Fire Brigade", "Community Protection Warning"], [1, 0], { group: "other" }),
    row("council:cpn", ["Kingsmere Council", "Community Protection Notice"], [3, 2], { group: "local-authority" }),
    row("council:cpw", ["Kingsmere Council", "Community Protection Warning"], [5, 0], { group: "local-authority" }),
    row("met:cpn", ["Met Police", "Community Protection Notice"], [2, 1], { group: "police" }),
    row("kp:di", ["Kingsmere Police", "Dispersal direction"], [7, 0], { group: "police" }),
    row("total", ["Total", "All kinds"], [18, 3], { total: true }),
  ];

  it("puts the types in the return's order (police, local authority, housing provider, other) and leaves out a type with no rows", () => {
    const groups = groupByType(rows);
    expect(groups.map((g) => g.key)).toEqual(["police", "local-authority", "other"]);
    expect(groups.map((g) => g.label)).toEqual(["Police", "Local authority", "Other"]);
  });

  it("gives each type a subtotal row that adds up its organisations' figures column by column, linked to the type's records", () => {
    const [police, council, other] = groupByType(rows);
    expect(police!.subtotal.labels).toEqual(["Police", "All powers"]);
    expect(police!.subtotal.figures.map((f) => f.value)).toEqual([9, 1]);
    expect(council!.subtotal.figures.map((f) => f.value)).toEqual([8, 2]);
    expect(other!.subtotal.figures.map((f) => f.value)).toEqual([1, 0]);
    expect(police!.subtotal.figures.map((f) => [f.measure, f.filter])).toEqual([
      ["issued", { orgType: "police" }],
      ["breaches", { orgType: "police" }],
    ]);
    expect(police!.subtotal.total).toBe(true);
  });

  it("the subtotals add up to the return's total", () => {
    const groups = groupByType(rows);
    expect(sumFigureColumns(groups.map((g) => g.subtotal))).toEqual([18, 3]);
  });

  it("keeps the organisations' rows in their order within the type, and counts the organisations, not the rows", () => {
    const [police, council] = groupByType(rows);
    expect(police!.rows.map((r) => r.key)).toEqual(["met:cpn", "kp:di"]);
    expect(police!.holds).toBe("2 organisations");
    expect(council!.holds).toBe("1 organisation");
  });

  it("leaves the total row in no group, and the rows as downloaded untouched", () => {
    const before = tableSheetRows({ id: "t", caption: "t", labelHeaders: ["Org", "Power"], figureHeaders: ["Issued", "Breaches"], rows });
    const groups = groupByType(rows);
    expect(groups.flatMap((g) => g.rows).some((r) => r.total)).toBe(false);
    const after = tableSheetRows({
      id: "t",
      caption: "t",
      labelHeaders: ["Org", "Power"],
      figureHeaders: ["Issued", "Breaches"],
      rows,
      groups,
    });
    expect(after).toEqual(before);
  });

  it("changes nothing in the download: the CSV of the grouped, nested table is byte for byte the CSV without them", () => {
    const table = { id: "t", caption: "By issuing organisation", labelHeaders: ["Org", "Power"], figureHeaders: ["Issued", "Breaches"] };
    const plain: ReturnReport = {
      key: "tools-and-powers",
      title: "Tools and powers return",
      period: financialYearPeriod(2026),
      scope: "Whole partnership",
      notes: ["A note"],
      tables: [{ ...table, rows: rows.map(({ group: _group, ...row }) => row) }],
    };
    const grouped: ReturnReport = { ...plain, tables: [{ ...table, rows, groups: groupByType(rows), nested: true }] };
    expect(returnCsv(grouped)).toBe(returnCsv(plain));
  });

  it("adds up nothing to nothing", () => {
    expect(sumFigureColumns([])).toEqual([]);
    expect(groupByType([])).toEqual([]);
  });
});

function report(key: ReturnReport["key"], tables: ReturnReport["tables"]): ReturnReport {
  return { key, title: "t", period: financialYearPeriod(2026), scope: "Whole partnership", notes: [], tables };
}

describe("each return's chart: its main series", () => {
  it("the tools and powers return charts the powers issued by kind, over every organisation type, largest first, with no bar for a kind none of which was issued", () => {
    const figures = (issued: number) => [
      { value: issued, measure: "issued", filter: {}, name: "" },
      { value: 99, measure: "breaches", filter: {}, name: "" },
    ];
    const series = mainSeries(
      report("tools-and-powers", [
        {
          id: "by-organisation-type",
          caption: "By organisation type",
          labelHeaders: ["Organisation type", "Power"],
          figureHeaders: ["Issued", "Breaches"],
          rows: [
            { key: "p:cpn", labels: ["Police", "Community Protection Notice"], figures: figures(2) },
            { key: "p:dd", labels: ["Police", "Dispersal direction"], figures: figures(4) },
            { key: "la:cpn", labels: ["Local authority", "Community Protection Notice"], figures: figures(3) },
            { key: "la:cbo", labels: ["Local authority", "Criminal Behaviour Order"], figures: figures(0) },
            { key: "total", labels: ["Total", "All kinds"], figures: figures(9), total: true },
          ],
        },
      ]),
    );
    expect(series.title).toBe("Powers issued, by kind");
    expect(series.bars).toEqual([
      { label: "Community Protection Notice", value: 5 },
      { label: "Dispersal direction", value: 4 },
    ]);
  });

  it("the MARAC return charts the cases discussed at each meeting, in the order the meetings were held", () => {
    const meeting = (ref: string, date: string, n: number): ReturnRow => ({
      key: ref,
      labels: [ref, date],
      figures: [{ value: n, measure: "cases-discussed", filter: {}, name: "" }],
    });
    const series = mainSeries(
      report("marac", [
        {
          id: "marac-meetings",
          caption: "MARAC meetings",
          labelHeaders: ["Meeting", "Date"],
          figureHeaders: ["Cases discussed"],
          rows: [
            meeting("MTG-1", "02/04/2026", 3),
            meeting("MTG-2", "16/04/2026", 7),
            { ...meeting("total", "", 10), labels: ["Total", ""], total: true },
          ],
        },
      ]),
    );
    expect(series.bars).toEqual([
      { label: "02/04/2026 MTG-1", value: 3 },
      { label: "16/04/2026 MTG-2", value: 7 },
    ]);
    expect(seriesInWords(series, "Q1 2026/27")).toBe(
      "Bar chart of the cases discussed in Q1 2026/27. 02/04/2026 MTG-1: 3; 16/04/2026 MTG-2: 7. Total 10. The figures are in the table below.",
    );
  });

  it("a return with no rows has no bars", () => {
    expect(mainSeries(report("ccm-activity", [])).bars).toEqual([]);
  });
});

describe("the chart's scale", () => {
  it("draws the largest bar at 80% of the width, leaving room for its figure, and the others in proportion", () => {
    expect(barPercent(10, 10)).toBe(CHART_SIZES.longestBarPercent);
    expect(barPercent(5, 10)).toBe(40);
    expect(barPercent(1, 3)).toBe(26.67);
  });

  it("draws no bar for a zero, and a sliver for a figure far smaller than the largest", () => {
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(1, 100_000)).toBe(0.5);
  });

  it("wraps a long label between words to fit a phone's width", () => {
    expect(wrapLabel("Fixed penalty notice for breach of a Community Protection Notice", 34)).toEqual([
      "Fixed penalty notice for breach of",
      "a Community Protection Notice",
    ]);
    expect(wrapLabel("Short", 34)).toEqual(["Short"]);
    expect(wrapLabel("", 34)).toEqual([""]);
  });

  it("stacks each label above its bar, taller for a label on two lines, with the chart's height to match", () => {
    const { height, rows } = barChartLayout([
      { label: "Fixed penalty notice for breach of a Community Protection Notice", value: 4 },
      { label: "Dispersal direction", value: 2 },
    ]);
    const { lineHeight, barHeight, labelToBar, rowGap } = CHART_SIZES;
    expect(rows[0]).toMatchObject({ labelTop: 0, barTop: 2 * lineHeight + labelToBar, barPercent: 80, value: 4 });
    const second = 2 * lineHeight + labelToBar + barHeight + rowGap;
    expect(rows[1]).toMatchObject({ labelTop: second, barTop: second + lineHeight + labelToBar, barPercent: 40 });
    expect(height).toBe(rows[1]!.barTop + barHeight);
    expect(barChartLayout([]).height).toBe(0);
  });
});
