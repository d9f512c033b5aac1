import "server-only";
import ExcelJS from "exceljs";
import { CSV_BOM, csvLine, safeCell, type CellValue } from "@/lib/export/cells";
import { tableSheetRows, type ReturnReport } from "./tables";

// A computed return as CSV or XLSX. Both are written from the same ReturnReport the preview shows,
// table by table and row by row, so an export holds exactly the preview's figures. Every cell goes
// through lib/export/cells (text that a spreadsheet would run as a formula is neutralised).

/** The lines above the tables: what, when, whose. */
function headingRows(report: ReturnReport): CellValue[][] {
  return [[report.title, report.period.label, report.period.range, report.scope]];
}

export function returnCsv(report: ReturnReport): string {
  let out = CSV_BOM;
  for (const row of headingRows(report)) out += csvLine(row);
  for (const table of report.tables) {
    out += csvLine([]);
    out += csvLine([table.caption]);
    for (const row of tableSheetRows(table)) out += csvLine(row);
  }
  out += csvLine([]);
  out += csvLine(["Notes"]);
  for (const note of report.notes) out += csvLine([note]);
  return out;
}

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
function sheetName(caption: string): string {
  return caption.replace(/[:\\/?*[\]]/g, " ").slice(0, 31);
}

/**
 * One worksheet per table: row 1 names the return, period and scope; row 3 holds the column
 * headers; the table's rows follow. A last "Notes" sheet keeps the definitions.
 */
export async function returnXlsx(report: ReturnReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Safer Partnerships";
  book.created = new Date();
  for (const table of report.tables) {
    const sheet = book.addWorksheet(sheetName(table.caption));
    sheet.addRow([report.title, report.period.label, report.period.range, report.scope].map(safeCell));
    sheet.addRow([]);
    const [header, ...rows] = tableSheetRows(table);
    const headerRow = sheet.addRow(header!.map(safeCell));
    headerRow.font = { bold: true };
    for (const row of rows) sheet.addRow(row.map(safeCell));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, i) => (column.width = i < table.labelHeaders.length ? 32 : 16));
    sheet.views = [{ state: "frozen", ySplit: 3 }];
  }
  const notes = book.addWorksheet("Notes");
  for (const note of report.notes) notes.addRow([safeCell(note)]);
  notes.getColumn(1).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}
