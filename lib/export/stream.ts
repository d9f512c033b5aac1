import "server-only";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { CSV_BOM, csvLine, safeCell, type CellValue } from "@/lib/export/cells";
import type { RowReader } from "./snapshot";

// Writes an export's rows out as a streamed response body (the register, the incident, case and
// action lists): a header row, then each row's cells in the columns' order.
//
// CSV: a pull-based ReadableStream. The runtime calls pull() only when the client has taken what
// was sent (the queue is under its high-water mark); each pull reads a few hundred rows from the
// cursor, so a slow download slows the database reads instead of filling memory.
// XLSX: exceljs's streaming WorkbookWriter (rows committed as they are written, no shared strings,
// no styles) into a PassThrough; the loop waits for the PassThrough to drain before the next rows.
// Every cell goes through lib/export/cells, so user text never runs as a formula. Either way the
// reader is closed if the client goes away, which frees its database connection.

const encoder = new TextEncoder();
/** Rows a pull formats into one chunk: small chunks die young, where a large string or buffer would outlive several scavenges. */
const CSV_ROWS_PER_CHUNK = 250;
const XLSX_ROWS_PER_READ = 250;

/** A column of an export: its heading, and its width in a spreadsheet (characters). */
export type ExportColumn = { header: string; width: number };

export function csvStream(columns: readonly ExportColumn[], rows: RowReader<CellValue[]>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(columns.map((c) => c.header))));
      },
      async pull(controller) {
        const batch = await rows.read(CSV_ROWS_PER_CHUNK);
        if (batch.length === 0) {
          controller.close();
          return;
        }
        let chunk = "";
        for (const cells of batch) chunk += csvLine(cells);
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        // The client went away: stop reading the database.
        await rows.close();
      },
    },
    // pull() is called again only once the client has taken the queued chunk.
    { highWaterMark: 1 },
  );
}

export function xlsxStream(columns: readonly ExportColumn[], rows: RowReader<CellValue[]>, sheetName: string): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = "Safer Partnerships";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));

  let cancelled = false;
  (async () => {
    sheet.addRow(columns.map((c) => safeCell(c.header))).commit();
    for (let batch = await rows.read(XLSX_ROWS_PER_READ); batch.length > 0 && !cancelled; batch = await rows.read(XLSX_ROWS_PER_READ)) {
      for (const cells of batch) sheet.addRow(cells.map(safeCell)).commit();
      // Backpressure: wait until the client has taken what is buffered.
      while (!cancelled && out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));

  const web = Readable.toWeb(out) as ReadableStream<Uint8Array>;
  const reader = web.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      cancelled = true;
      await rows.close();
      await reader.cancel(reason);
      out.destroy();
    },
  });
}
