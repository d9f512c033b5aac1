import { formatDate } from "@/lib/format/dates";
import { datePartsOf, timeOf } from "@/lib/incidents/date-fields";
import { personLabel, placeLabel } from "@/lib/incidents/labels";
import { EMPTY_DATE, EMPTY_PLACE, emptyPersonRow, newRowKey, type IncidentFormInitial } from "./form-types";
import type { IncidentDetail } from "@/lib/incidents/data";

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
