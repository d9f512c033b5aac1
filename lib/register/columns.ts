import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import { ORGANISATION_KIND_LABELS } from "@/lib/organisations/labels";

// The columns of the tools and powers register export: what a manager hands to the Home Office,
// the Police and Crime Commissioner or an FOI requester. Pure, so the CSV, the XLSX and the tests
// read the same list. Every value still goes through lib/export/cells on its way out.

/** The kinds of organisation in the admin pages' words, but one: the export's column has always said "Other area". */
export const REGISTER_ORGANISATION_KINDS: Record<OrganisationKind, string> = { ...ORGANISATION_KIND_LABELS, OTHER_AREA: "Other area" };

/** One row of the register, already in words (dates en-GB, London time); the export writes its cells in REGISTER_COLUMNS order. */
export type RegisterRow = {
  reference: string;
  kind: string;
  legalBasis: string;
  issuingOrganisation: string;
  organisationType: string;
  officer: string;
  issued: string;
  expiry: string | null;
  status: string;
  subject: string;
  place: string | null;
  caseReference: string | null;
  pspo: string | null;
  conditions: string | null;
  breaches: number;
  lastBreachAction: string | null;
  court: string | null;
  hearing: string | null;
};

export const REGISTER_COLUMNS: readonly { key: keyof RegisterRow; header: string; width: number }[] = [
  { key: "reference", header: "Reference", width: 16 },
  { key: "kind", header: "Kind of power", width: 40 },
  { key: "legalBasis", header: "Legal basis", width: 40 },
  { key: "issuingOrganisation", header: "Issuing organisation", width: 32 },
  { key: "organisationType", header: "Organisation type", width: 18 },
  { key: "officer", header: "Issuing officer", width: 24 },
  { key: "issued", header: "Issued", width: 12 },
  { key: "expiry", header: "Expiry", width: 12 },
  { key: "status", header: "Status", width: 14 },
  { key: "subject", header: "Subject", width: 28 },
  { key: "place", header: "Place", width: 36 },
  { key: "caseReference", header: "Case reference", width: 18 },
  { key: "pspo", header: "PSPO", width: 28 },
  { key: "conditions", header: "Conditions", width: 40 },
  { key: "breaches", header: "Breaches", width: 10 },
  { key: "lastBreachAction", header: "Last breach action", width: 24 },
  { key: "court", header: "Court", width: 24 },
  { key: "hearing", header: "Hearing", width: 12 },
];

export const REGISTER_HEADERS: readonly string[] = REGISTER_COLUMNS.map((c) => c.header);
