import { formatDate } from "@/lib/format/dates";
import { datePartsOf, timeOf } from "@/lib/incidents/date-fields";
import { personLabel, placeLabel } from "@/lib/incidents/labels";
import { EMPTY_DATE, EMPTY_PLACE, emptyPersonRow, newRowKey, type IncidentFormInitial } from "./form-types";
import type { IncidentDetail } from "@/lib/incidents/data";
import type { FormValues } from "@/lib/forms";
import { MAX_PEOPLE } from "@/lib/incidents/schema";

// Starting values for the incident form, built by the page on the server.

/** A new incident: reported now, everything else to fill in; one empty person row to start. */
export function newIncidentInitial(now: Date): IncidentFormInitial {
  return {
    occurred: EMPTY_DATE,
    occurredTime: "",
    reported: datePartsOf(now),
    reportedTime: timeOf(now),
    reportMethod: "",
    category: "",
    type: "",
    description: "",
    riskLevel: "STANDARD",
    caseId: "",
    locationMode: "existing",
    location: null,
    newLocation: EMPTY_PLACE,
    people: [emptyPersonRow()],
  };
}

/** The stored incident, to change. */
export function editIncidentInitial(incident: IncidentDetail): IncidentFormInitial {
  return {
    occurred: datePartsOf(incident.occurredAt),
    occurredTime: timeOf(incident.occurredAt),
    reported: datePartsOf(incident.reportedAt),
    reportedTime: timeOf(incident.reportedAt),
    reportMethod: incident.reportMethod,
    category: incident.category,
    type: incident.type,
    description: incident.description,
    riskLevel: incident.riskLevel,
    caseId: incident.case?.id ?? "",
    locationMode: "existing",
    location: incident.location
      ? { id: incident.location.id, label: placeLabel(incident.location.addressLine1, incident.location.postcode) }
      : null,
    newLocation: EMPTY_PLACE,
    people: incident.people.map((p) => ({
      key: newRowKey(),
      mode: "existing",
      picked: { id: p.personId, label: personLabel(p.name, p.dateOfBirth ? formatDate(p.dateOfBirth) : null) },
      firstName: "",
      lastName: "",
      dateOfBirth: EMPTY_DATE,
      role: p.role,
    })),
  };
}

/**
 * The form as it was posted, when the server answers with it (an error, a conflict, dates to
 * check): without JavaScript the page is drawn afresh, and must show what the officer typed. A
 * picked person or place comes back with the label the form posted beside its id.
 */
export function postedIncidentInitial(values: FormValues): IncidentFormInitial {
  const one = (key: string) => {
    const value = values[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const date = (key: string) => ({ day: one(`${key}-day`), month: one(`${key}-month`), year: one(`${key}-year`) });
  const picked = (id: string, label: string) => (one(id) && one(label) ? { id: one(id), label: one(label) } : null);
  const rows = new Set(Object.keys(values).flatMap((key) => /^people\.(\d+)\./.exec(key)?.[1] ?? []));
  const people = [...rows]
    .map(Number)
    .filter((i) => i < MAX_PEOPLE)
    .sort((a, b) => a - b)
    .map((i) => {
      const field = (name: string) => `people.${i}.${name}`;
      return {
        key: one(field("rowKey")) || newRowKey(),
        mode: one(field("mode")) === "new" ? ("new" as const) : ("existing" as const),
        picked: picked(field("personId"), field("personLabel")),
        firstName: one(field("firstName")),
        lastName: one(field("lastName")),
        dateOfBirth: date(field("dateOfBirth")),
        role: one(field("role")),
      };
    });
  return {
    occurred: date("occurred"),
    occurredTime: one("occurredTime"),
    reported: date("reported"),
    reportedTime: one("reportedTime"),
    reportMethod: one("reportMethod"),
    category: one("category"),
    type: one("type"),
    description: one("description"),
    riskLevel: one("riskLevel"),
    caseId: one("caseId"),
    locationMode: one("locationMode") === "new" ? "new" : "existing",
    location: picked("locationId", "locationLabel"),
    newLocation: {
      addressLine1: one("newLocation.addressLine1"),
      town: one("newLocation.town"),
      postcode: one("newLocation.postcode"),
      kind: one("newLocation.kind"),
    },
    people,
  };
}
