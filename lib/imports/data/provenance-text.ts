import type { ImportedFrom } from "./provenance";

/** "Imported by Sandra Okafor, KCC on 07/12/2026 from incidents.csv, row 12 (source reference CAD-4512)". */
export function importedFromText(from: ImportedFrom, formatDate: (d: Date) => string): string {
  return `${from.by} on ${formatDate(from.importedAt)}${from.fileName ? ` from ${from.fileName}` : " from a file"}, row ${from.row} (source reference ${from.sourceReference})`;
}
