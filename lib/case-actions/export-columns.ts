import type { ExportColumn } from "@/lib/export/stream";

// The actions lists' download (CSV or XLSX): what the list shows of each action, in words. Pure.

export const ACTION_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: "Case", width: 18 },
  { header: "Action", width: 40 },
  { header: "Assigned to", width: 28 },
  { header: "Officer", width: 24 },
  { header: "Due", width: 12 },
  { header: "Status", width: 22 },
  { header: "Set by", width: 28 },
  { header: "Done or cancelled", width: 16 },
  { header: "Outcome or reason", width: 40 },
];
