import "server-only";
import { Readable } from "node:stream";
import { db, type Tx } from "@/lib/db";

// The uploaded file is kept in PostgreSQL (the one stateful part of the service, so any app
// instance or worker can read it) in pieces of 1 MB, and read back one piece at a time: the check
// and the import stream it, and never hold the whole file.

export const CHUNK_BYTES = 1024 * 1024;

export async function storeFile(tx: Tx, importId: string, bytes: Uint8Array): Promise<void> {
  for (let seq = 0, at = 0; at < bytes.length; seq++, at += CHUNK_BYTES) {
    await tx.importFileChunk.create({ data: { importId, seq, data: Buffer.from(bytes.subarray(at, at + CHUNK_BYTES)) } });
  }
}

/** The file as a stream of bytes, fetched a piece at a time as the reader asks for more. */
export function readStoredFile(importId: string): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await db.importFileChunk.findUnique({ where: { importId_seq: { importId, seq } }, select: { data: true } });
        seq++;
        this.push(chunk ? Buffer.from(chunk.data) : null);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
  });
}
