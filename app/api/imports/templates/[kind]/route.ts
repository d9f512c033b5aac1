import ExcelJS from "exceljs";
import { route } from "@/lib/http/route";
import { exportFormat } from "@/lib/export/download";
import { CSV_BOM, csvLine } from "@/lib/export/cells";
import { NotFoundError } from "@/lib/errors";
import { IMPORT_LAYOUTS } from "@/lib/imports/columns";
import { isImportKind } from "@/lib/imports/data/manage";

// GET /api/imports/templates/<KIND>?format=csv|xlsx — an empty file in the layout, its first row
// the column names and its second an example (made-up data), for a manager to fill in.

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "redirect", permission: "import:run", params: ["kind"] }, async ({ url, params }) => {
  if (!isImportKind(params.kind)) throw new NotFoundError();
  const columns = IMPORT_LAYOUTS[params.kind];
  const name = `${params.kind.toLowerCase()}-import-template`;
  if (exportFormat(url.searchParams.get("format")) === "csv") {
    const body = CSV_BOM + csvLine(columns.map((c) => c.name)) + csvLine(columns.map((c) => c.example));
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` },
    });
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Records");
  sheet.addRow(columns.map((c) => c.name)).font = { bold: true };
  // Every cell text, so a spreadsheet does not turn a date or a reference into something else.
  sheet.addRow(columns.map((c) => c.example));
  columns.forEach((_, i) => {
    sheet.getColumn(i + 1).numFmt = "@";
    sheet.getColumn(i + 1).width = 22;
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
});
