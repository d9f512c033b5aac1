// One place that turns values into spreadsheet-safe cells, shared by every CSV and XLSX export.
//
// A spreadsheet treats a cell starting with =, +, -, @ (and tab / carriage return, which some
// apps strip before parsing) as a formula; some also read the full-width forms (＝ ＋ － ＠) and
// skip leading spaces first. Officers type free text that ends up in exports, so any such text
// cell is prefixed with an apostrophe: the spreadsheet shows it as text, never runs it (OWASP
// "CSV injection"). In locales where the list separator is a semicolon, a spreadsheet splits
// `x;=1+1` into two cells, so a CSV field holding a semicolon is quoted like one holding a comma.
// Numbers stay numbers: a count of -1 never comes from user input.

export type CellValue = string | number | boolean | Date | null | undefined;

const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

export function neutraliseText(text: string): string {
  const first = text.replace(/^[ \u00A0\u3000]+/, "").charAt(0);
  return FORMULA_TRIGGERS.has(text.charAt(0)) || FORMULA_TRIGGERS.has(first) ? `'${text}` : text;
}

/** A value as it goes into a spreadsheet cell: text neutralised, numbers and dates kept typed. */
export function safeCell(value: CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return neutraliseText(value);
  return value;
}

function csvField(value: CellValue): string {
  const cell = safeCell(value);
  if (cell === null) return "";
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record (RFC 4180, CRLF line end), every text field neutralised. */
export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** Excel opens a UTF-8 CSV correctly only when it starts with a byte order mark. */
export const CSV_BOM = "\uFEFF";
