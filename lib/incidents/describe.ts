import { formatDate, formatDateTime } from "@/lib/format/dates";
import { CATEGORY_LABELS, REPORT_METHOD_LABELS, RISK_LEVEL_LABELS, ROLE_LABELS, TYPE_LABELS } from "./labels";
import type { IncidentInput } from "./schema";
import type { IncidentConflict } from "./form-state";

// An incident in words, for the summary an officer sees when someone else saved it first. Pure.

/** What the summary needs of a stored incident (a subset of lib/incidents/data's IncidentDetail). */
export type DescribableIncident = {
  version: number;
  occurredAt: Date;
  reportedAt: Date;
  reportMethod: IncidentInput["reportMethod"];
  category: IncidentInput["category"];
  type: IncidentInput["type"];
  description: string;
  riskLevel: IncidentInput["riskLevel"];
  location: { id: string; addressLine1: string; postcode: string | null } | null;
  case: { id: string; reference: string; title: string } | null;
  people: { personId: string; name: string; dateOfBirth: Date | null; role: IncidentInput["people"][number]["role"] }[];
};

/** Each field of the stored incident, and whether it differs from what the officer submitted. */
export function conflictSummary(current: DescribableIncident, submitted: IncidentInput): IncidentConflict {
  const peopleKey = (rows: { id: string; role: string }[]) =>
    rows
      .map((r) => `${r.id}|${r.role}`)
      .sort()
      .join(",");
  const submittedPeople = submitted.people.map((p) => ({
    id: "id" in p.person ? p.person.id : `new:${p.person.create.firstName} ${p.person.create.lastName}`,
    role: p.role,
  }));
  const submittedPlace = submitted.location ? ("id" in submitted.location ? submitted.location.id : "new") : null;
  const rows = [
    {
      key: "When it happened",
      value: formatDateTime(current.occurredAt),
      differs: current.occurredAt.getTime() !== submitted.occurredAt.getTime(),
    },
    {
      key: "When it was reported",
      value: formatDateTime(current.reportedAt),
      differs: current.reportedAt.getTime() !== submitted.reportedAt.getTime(),
    },
    {
      key: "How it was reported",
      value: REPORT_METHOD_LABELS[current.reportMethod],
      differs: current.reportMethod !== submitted.reportMethod,
    },
    { key: "Category", value: CATEGORY_LABELS[current.category], differs: current.category !== submitted.category },
    { key: "Type", value: TYPE_LABELS[current.type], differs: current.type !== submitted.type },
    { key: "Description", value: current.description, differs: current.description !== submitted.description },
    {
      key: "Place",
      value: current.location ? [current.location.addressLine1, current.location.postcode].filter(Boolean).join(", ") : "None",
      differs: (current.location?.id ?? null) !== submittedPlace,
    },
    {
      key: "People",
      value:
        current.people.length > 0
          ? current.people
              .map((p) => `${p.name}${p.dateOfBirth ? ` (born ${formatDate(p.dateOfBirth)})` : ""}: ${ROLE_LABELS[p.role]}`)
              .join("; ")
          : "None",
      differs: peopleKey(current.people.map((p) => ({ id: p.personId, role: p.role }))) !== peopleKey(submittedPeople),
    },
    { key: "Risk level", value: RISK_LEVEL_LABELS[current.riskLevel], differs: current.riskLevel !== submitted.riskLevel },
    {
      key: "Case",
      value: current.case ? `${current.case.reference}: ${current.case.title}` : "None",
      differs: (current.case?.id ?? null) !== submitted.caseId,
    },
  ];
  return { version: current.version, rows };
}
