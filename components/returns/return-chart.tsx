import { barChartLayout, CHART_SIZES, mainSeries, seriesInWords } from "@/lib/returns/chart";
import type { ReturnReport } from "@/lib/returns/tables";

/**
 * The return's main series as horizontal bars: plain SVG drawn on the server, one image with a
 * name (the heading) and a description that says every figure. Each label sits above its bar and
 * the bars' lengths are percentages, so the text keeps its size on a phone. The bars (#1d70b8)
 * are 5.2:1 against white; in forced colours they take the text colour.
 */
export function ReturnChart({ report }: { report: ReturnReport }) {
  const series = mainSeries(report);
  const headingId = `chart-${report.key}-heading`;
  const descriptionId = `chart-${report.key}-description`;
  const nothing = series.bars.every((bar) => bar.value === 0);
  const { height, rows } = barChartLayout(series.bars);
  const { lineHeight, barHeight } = CHART_SIZES;
  // Text baselines sit about three quarters of a line down.
  const baseline = Math.round(lineHeight * 0.75);
  return (
    <section aria-labelledby={headingId} className="mb-8 max-w-3xl">
      <h2 id={headingId} className="heading-m mb-4">
        {series.title}
      </h2>
      {nothing ? (
        <p className="body-m">
          No {series.counts} in {report.period.label}.
        </p>
      ) : (
        <svg
          role="img"
          aria-labelledby={headingId}
          aria-describedby={descriptionId}
          width="100%"
          height={height}
          className="block text-base"
        >
          <desc id={descriptionId}>{seriesInWords(series, report.period.label)}</desc>
          {rows.map((row, i) => (
            <g key={i}>
              <text x="0" y={row.labelTop + baseline} className="fill-ink forced-colors:fill-[CanvasText]">
                {row.lines.map((line, n) => (
                  <tspan key={n} x="0" dy={n === 0 ? 0 : lineHeight}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect
                x="0"
                y={row.barTop}
                width={`${row.barPercent}%`}
                height={barHeight}
                className="fill-brand forced-colors:fill-[CanvasText]"
              />
              <text
                x={`${row.barPercent}%`}
                dx={row.barPercent > 0 ? 8 : 0}
                y={row.barTop + baseline - 1}
                className="fill-ink font-bold tabular-nums forced-colors:fill-[CanvasText]"
              >
                {row.value.toLocaleString("en-GB")}
              </text>
            </g>
          ))}
        </svg>
      )}
    </section>
  );
}
