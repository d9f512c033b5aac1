import type { ExportColumn } from "@/lib/export/stream";

// The case list's download (CSV or XLSX): the list's columns, in words. Pure.

export const CASE_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: "Reference", width: 18 },
  { header: "Title", width: 40 },
  { header: "Kind", width: 18 },
  { header: "Status", width: 14 },
  { header: "Risk", width: 10 },
  { header: "Lead organisation", width: 32 },
  { header: "Why you see it", width: 20 },
  { header: "Opened", width: 12 },
  { header: "Last updated", width: 17 },
];
