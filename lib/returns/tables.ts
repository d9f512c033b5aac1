import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import type { ReturnPeriod } from "./period";

// What a return is once computed: tables of labelled rows of figures. The preview page, the CSV
// and the XLSX are all drawn from this one value, so an export holds exactly the preview's figures.
// Pure: no database, no React.

export const RETURN_KEYS = ["tools-and-powers", "community-trigger", "ccm-activity", "marac"] as const;
export type ReturnKey = (typeof RETURN_KEYS)[number];

export const RETURN_TITLES: Record<ReturnKey, string> = {
  "tools-and-powers": "Tools and powers return",
  "community-trigger": "Community Trigger publication",
  "ccm-activity": "CCM activity",
  marac: "MARAC data return",
};

/** The return's name inside a sentence ("Back to the CCM activity return 2026/27"). */
export const RETURN_NAMES_IN_TEXT: Record<ReturnKey, string> = {
  "tools-and-powers": "tools and powers return",
  "community-trigger": "Community Trigger publication",
  "ccm-activity": "CCM activity return",
  marac: "MARAC data return",
};

export function isReturnKey(value: string | undefined): value is ReturnKey {
  return (RETURN_KEYS as readonly string[]).includes(value ?? "");
}

/** What a figure counts, and of which group: enough for the drill-down to list the same records. */
export type FigureFilter = { kind?: string; org?: string; orgType?: OrganisationType; meeting?: string; agency?: string };

export type Figure = {
  value: number;
  measure: string;
  filter: FigureFilter;
  /** The figure in words, used as the link's accessible name: "3 Community Protection Notices issued by Kingsmere Police". */
  name: string;
};

export type ReturnRow = {
  key: string;
  labels: string[];
  figures: Figure[];
  total?: boolean;
  /** The group the row belongs to on screen (an organisation type); never exported. */
  group?: string;
};

/**
 * Rows shown together under a subtotal row (grouping.ts). On screen only: the downloads hold the
 * table's `rows`, exactly as counted, and no subtotals.
 */
export type ReturnRowGroup = {
  key: string;
  label: string;
  /** What the group holds, said beside its label: "2 organisations". */
  holds: string;
  subtotal: ReturnRow;
  rows: ReturnRow[];
};

export type ReturnTable = {
  id: string;
  caption: string;
  labelHeaders: string[];
  figureHeaders: string[];
  rows: ReturnRow[];
  /** When given, the preview shows these groups (then the total rows) instead of `rows`. */
  groups?: ReturnRowGroup[];
  /**
   * On screen, the first label heads the rows that share it (a row of its own) rather than filling
   * a column, so the figures have the width: "Kingsmere Police", then its powers one per row.
   */
  nested?: boolean;
};

export type ReturnReport = {
  key: ReturnKey;
  title: string;
  period: ReturnPeriod;
  /** "Whole partnership" or the organisation's name. */
  scope: string;
  /** Definitions and the moment "overdue" is judged at, shown above the tables and kept in the export. */
  notes: string[];
  tables: ReturnTable[];
};

// ───────────────────────────── Organisation types ─────────────────────────────

export const ORGANISATION_TYPES = ["police", "local-authority", "housing-provider", "other"] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  police: "Police",
  "local-authority": "Local authority",
  "housing-provider": "Housing provider",
  other: "Other",
};

/** The return's four organisation types; fire, health, probation, voluntary sector and other areas are "other". */
export function organisationTypeOf(kind: OrganisationKind): OrganisationType {
  switch (kind) {
    case "POLICE":
      return "police";
    case "LOCAL_AUTHORITY":
      return "local-authority";
    case "HOUSING_PROVIDER":
      return "housing-provider";
    default:
      return "other";
  }
}

export function organisationKindsOfType(type: OrganisationType): OrganisationKind[] {
  const all: OrganisationKind[] = [
    "POLICE",
    "LOCAL_AUTHORITY",
    "HOUSING_PROVIDER",
    "FIRE",
    "HEALTH",
    "PROBATION",
    "VOLUNTARY_SECTOR",
    "OTHER_AREA",
    "OTHER",
  ];
  return all.filter((k) => organisationTypeOf(k) === type);
}

export function isOrganisationType(value: string | undefined): value is OrganisationType {
  return (ORGANISATION_TYPES as readonly string[]).includes(value ?? "");
}

// ───────────────────────────── Words ─────────────────────────────

/** "1 breach", "2 breaches" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

const pluralNoun = (noun: string) => (/(s|x|ch|sh)$/i.test(noun) ? `${noun}es` : `${noun}s`);

/**
 * A kind of power in the plural, for the words read out for a figure: "Community Protection
 * Notices", "Fixed penalty notices for breach of a CPN" (the noun before " for " or " of ").
 */
export function pluralName(n: number, name: string): string {
  if (name === "Other") return n === 1 ? "power of another kind" : "powers of another kind";
  if (n === 1) return name;
  const split = /^(.+?)( for | of )(.+)$/.exec(name);
  return split ? `${pluralNoun(split[1]!)}${split[2]}${split[3]}` : pluralNoun(name);
}

// ───────────────────────────── Spreadsheet rows ─────────────────────────────

export type SheetValue = string | number;

/** A table as spreadsheet rows: the header row, then one row per table row (labels, then figures). */
export function tableSheetRows(table: ReturnTable): SheetValue[][] {
  return [[...table.labelHeaders, ...table.figureHeaders], ...table.rows.map((row) => [...row.labels, ...row.figures.map((f) => f.value)])];
}

/** The file name of an export: "tools-and-powers-return-2026-27.csv". */
export function exportFileName(key: ReturnKey, period: ReturnPeriod, format: "csv" | "xlsx"): string {
  const base = key === "ccm-activity" || key === "community-trigger" ? key : `${key}-return`;
  return `${base}-${period.key}.${format}`;
}
