import "server-only";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { CSV_BOM, csvLine, safeCell } from "@/lib/export/cells";
import { REGISTER_COLUMNS, REGISTER_HEADERS, registerCells, type RegisterRow } from "./columns";

// Writes register batches out as a streamed response body, one batch in memory at a time.
//
// CSV: a pull-based ReadableStream. The runtime calls pull() only when the client has taken what
// was sent (the queue is under its high-water mark), so a slow download slows the database reads
// instead of filling memory.
// XLSX: exceljs's streaming WorkbookWriter (rows committed as they are written, no shared strings,
// no styles) into a PassThrough; the loop waits for the PassThrough to drain before the next batch.
// Every cell goes through lib/export/cells, so user text never runs as a formula.

const encoder = new TextEncoder();
const CSV_ROWS_PER_CHUNK = 200;

export function registerCsvStream(batches: AsyncGenerator<RegisterRow[]>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(REGISTER_HEADERS)));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        // Small chunks: a string or buffer of a whole batch would be a large object, which V8
        // keeps until a full collection; chunks of a few hundred rows die young and cheaply.
        const rows = next.value;
        for (let i = 0; i < rows.length; i += CSV_ROWS_PER_CHUNK) {
          let chunk = "";
          for (const row of rows.slice(i, i + CSV_ROWS_PER_CHUNK)) chunk += csvLine(registerCells(row));
          controller.enqueue(encoder.encode(chunk));
        }
      },
      async cancel() {
        // The client went away: stop reading the database.
        await batches.return(undefined);
      },
    },
    // pull() is called again only once the client has taken the queued chunks.
    { highWaterMark: 1 },
  );
}

export function registerXlsxStream(batches: AsyncGenerator<RegisterRow[]>, sheetName: string): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = "Safer Partnerships";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  let cancelled = false;
  (async () => {
    sheet.addRow(REGISTER_HEADERS.map((h) => safeCell(h))).commit();
    for await (const batch of batches) {
      if (cancelled) break;
      for (const row of batch) sheet.addRow(registerCells(row).map(safeCell)).commit();
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
      await batches.return(undefined);
      await reader.cancel(reason);
      out.destroy();
    },
  });
}
