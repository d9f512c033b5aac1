import "server-only";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

// Reads an uploaded spreadsheet one row at a time (never the whole file in memory): a CSV through
// csv-parse, an XLSX through exceljs's streaming reader (first worksheet only). Every cell comes out
// as text. Cells are data, never formulas: an XLSX cell that holds a formula is reported (its value
// is not used), and the apostrophe this service's own exports put before text that a spreadsheet
// would run (lib/export/cells) is taken off again, so an export imports as it was.

export type ImportFormat = "CSV" | "XLSX";

/** One row of the file: its number as a spreadsheet shows it (the header is row 1). */
export type FileRow = { row: number; cells: string[]; formulaAt: number[] };

/** The file cannot be read at all (not a CSV, a broken XLSX): said in plain words. */
export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

/** The most rows one file may hold; more is refused by the check. */
export const MAX_IMPORT_ROWS = 250_000;
/** The most columns read from a row; a wider row is a file of some other kind. */
const MAX_COLUMNS = 200;
/** The most characters in one cell (a description is at most 5,000). */
const MAX_CELL_CHARS = 20_000;

const OWN_EXPORT_GUARD = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

export function cleanCell(text: string): string {
  return text.replace(OWN_EXPORT_GUARD, "").slice(0, MAX_CELL_CHARS);
}

export async function* readRows(format: ImportFormat, input: Readable): AsyncGenerator<FileRow> {
  if (format === "CSV") yield* readCsv(input);
  else yield* readXlsx(input);
}

async function* readCsv(input: Readable): AsyncGenerator<FileRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000 });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.slice(0, MAX_COLUMNS).map(cleanCell), formulaAt: [] };
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const where = (error as { lines?: number }).lines;
    throw new UnreadableFileError(
      `The file could not be read as CSV${where ? ` near line ${where}` : ""}: check that every quoted cell has its closing quote, and save it again as "CSV UTF-8".`,
    );
  }
}

async function* readXlsx(input: Readable): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells: string[] = [];
        const formulaAt: number[] = [];
        const values = Array.isArray(row.values) ? row.values : [];
        for (let c = 1; c < Math.min(values.length, MAX_COLUMNS + 1); c++) {
          const value = values[c] as unknown;
          if (isFormula(value)) formulaAt.push(c - 1);
          cells[c - 1] = isFormula(value) ? "" : cleanCell(cellText(value));
        }
        for (let c = 0; c < cells.length; c++) cells[c] ??= "";
        if (cells.every((cell) => cell.trim() === "") && formulaAt.length === 0) continue;
        yield { row: row.number, cells, formulaAt };
      }
      // The first worksheet only: the layout is one sheet of rows.
      return;
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      "The file could not be read as an Excel workbook (.xlsx). Open it in Excel and save it again as .xlsx or as CSV UTF-8.",
    );
  }
}

function isFormula(value: unknown): boolean {
  return typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);
}

/** A cell's value as the text a person sees: dates as day/month/year (and the time, if any). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return spreadsheetDateText(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join("");
    if (typeof v.text === "string") return v.text;
    if (v.error !== undefined) return "";
  }
  return "";
}

/**
 * A spreadsheet's dates have no time zone: exceljs gives the wall-clock reading as if it were UTC.
 * It becomes the text a person would type, read later as London time like any other cell.
 */
function spreadsheetDateText(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0;
  return hasTime ? `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : day;
}
