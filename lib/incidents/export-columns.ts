import type { ExportColumn } from "@/lib/export/stream";

// The incident list's download (CSV or XLSX): the list's columns, in words. Pure, so the route, the
// data layer and the tests read the same list.

export const INCIDENT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: "Reference", width: 16 },
  { header: "Happened", width: 17 },
  { header: "Reported", width: 17 },
  { header: "Category", width: 14 },
  { header: "Type", width: 32 },
  { header: "Risk", width: 10 },
  { header: "Reported by", width: 32 },
  { header: "Place", width: 40 },
  { header: "Case", width: 18 },
];
