import "server-only";
import { BadRequestError } from "@/lib/errors";
import { londonDateParts } from "@/lib/format/dates";
import type { CellValue } from "./cells";
import type { RowReader } from "./snapshot";
import { csvStream, xlsxStream, type ExportColumn } from "./stream";

// An export as an HTTP download, for every route that offers one: the format asked for, the
// attachment's headers, and the row count in X-Total-Rows so a page can show progress.

const FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
} as const;

export type ExportFormat = keyof typeof FORMATS;

/** `?format=` as an export format (CSV by default); anything else is a 400 that says what to choose. */
export function exportFormat(text: string | null): ExportFormat {
  const format = (text ?? "csv").toLowerCase();
  if (!Object.hasOwn(FORMATS, format)) throw new BadRequestError("Choose CSV or XLSX as the format.");
  return format as ExportFormat;
}

/** Today in London as a file name's date: "2026-12-07". */
export function fileNameDay(now = new Date()): string {
  const { year, month, day } = londonDateParts(now);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The download: `name` without its extension (no personal data in it); the sheet's name for XLSX. */
export function exportResponse(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  data: { total: number; rows: RowReader<CellValue[]> },
  name: string,
  sheetName: string,
): Response {
  const body = format === "csv" ? csvStream(columns, data.rows) : xlsxStream(columns, data.rows, sheetName);
  return new Response(body, {
    headers: {
      "Content-Type": FORMATS[format].contentType,
      "Content-Disposition": `attachment; filename="${name}.${FORMATS[format].extension}"`,
      "X-Total-Rows": String(data.total),
    },
  });
}
