import { z } from "zod";
import { AuditAction } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { fromLondonLocal } from "@/lib/format/dates";
import { checkDateParts } from "@/lib/incidents/date-fields";

// The audit viewer's search, read from the URL (a GET form) so a search can be bookmarked and the
// export repeats exactly what is on screen. Only opaque values go in the address: user and
// organisation ids, record ids or references, never a name or an email address.

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  VIEW: "Viewed",
  CREATE: "Created",
  UPDATE: "Changed",
  DELETE: "Deleted",
  EXPORT: "Exported",
  SIGN_IN: "Signed in",
  SIGN_IN_FAILURE: "Sign-in failed",
  SIGN_OUT: "Signed out",
  ACCESS_REFUSED: "Access refused",
  API_CALL: "API call",
};

/** Record types an admin can search by; the value is the entityType written by the data layer. */
export const AUDIT_RECORD_TYPES = {
  Case: "Case",
  Person: "Person",
  Incident: "Incident",
  Location: "Place",
  PowerUse: "Power",
  Pspo: "PSPO",
  CaseAction: "Action",
  CaseDocument: "Document",
  RiskAssessment: "Risk assessment",
  Referral: "Referral",
  Meeting: "Meeting",
  CommunityTrigger: "Community Trigger",
  PowerKind: "Kind of power",
  User: "User",
  Organisation: "Organisation",
  ApiClient: "API client",
} as const;
export type AuditRecordType = keyof typeof AUDIT_RECORD_TYPES;

export type AuditFilters = {
  userId?: string;
  organisationId?: string;
  action?: AuditAction;
  entityType?: string;
  /** An id, or a human reference (CASE-…, INC-…) that the data layer turns into an id. */
  record?: string;
  /** London midnight of the first day, inclusive. */
  from?: Date;
  /** London midnight of the day after the last day, exclusive. */
  before?: Date;
};

const DATE_FILTERS = { from: "the first day", to: "the last day" } as const;
type DateFilter = keyof typeof DATE_FILTERS;

export const AUDIT_FILTER_PARAMS = [
  "user",
  "organisation",
  "action",
  "type",
  "record",
  ...(Object.keys(DATE_FILTERS) as DateFilter[]).flatMap((f) => ["day", "month", "year"].map((p) => `${f}-${p}`)),
] as const;

export type ParsedAuditFilters = {
  filters: AuditFilters;
  values: Record<string, string>;
  errors: Partial<Record<DateFilter | "record", string>>;
};

export function parseAuditFilters(params: SearchParamsRecord): ParsedAuditFilters {
  const values: Record<string, string> = {};
  for (const name of AUDIT_FILTER_PARAMS) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, 80);
  }
  const errors: ParsedAuditFilters["errors"] = {};
  const type = values.type && Object.hasOwn(AUDIT_RECORD_TYPES, values.type) ? values.type : undefined;
  const filters: AuditFilters = {
    userId: z.uuid().safeParse(values.user).data,
    organisationId: z.uuid().safeParse(values.organisation).data,
    action: z.enum(AuditAction).safeParse(values.action).data,
    entityType: type,
    record: values.record,
  };
  if (values.record && !type) errors.record = "Choose the type of record, then enter its reference or id";
  for (const field of Object.keys(DATE_FILTERS) as DateFilter[]) {
    const checked = checkDateParts(
      { day: values[`${field}-day`], month: values[`${field}-month`], year: values[`${field}-year`] },
      DATE_FILTERS[field],
      false,
    );
    if (!checked.ok) errors[field] = checked.message;
    else if (checked.value) {
      const { year, month, day } = checked.value;
      if (field === "from") filters.from = fromLondonLocal(year, month, day);
      else filters.before = fromLondonLocal(year, month, day + 1);
    }
  }
  return { filters, values, errors };
}

export function hasAnyAuditFilter(values: Record<string, string>): boolean {
  return AUDIT_FILTER_PARAMS.some((name) => values[name] !== undefined);
}

/** Keyset cursor: the (at, id) of the last row shown, so paging stays fast on a large table. */
export type AuditCursor = { at: Date; id: bigint };

export function encodeAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

export function decodeAuditCursor(text: string | undefined): AuditCursor | undefined {
  const match = /^(\d{1,15})\.(\d{1,19})$/.exec(text ?? "");
  if (!match) return undefined;
  return { at: new Date(Number(match[1])), id: BigInt(match[2] ?? "0") };
}
