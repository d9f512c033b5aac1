import "server-only";

// Cases: opening, reading, listing and changing them, with the access rules next to each query.
//
// WHO SEES A CASE: lib/cases/access.ts (visibleCasesWhere) — its lead organisation and the
// organisations it is shared with now; a restricted (MARAC) case only MARAC panel members and the
// user who opened or referred it. Anything else answers NotFoundError, exactly like a missing
// case, and the refusal is audited.
//
// WHO CHANGES WHAT (caseRightsOf in ../access.ts), always on a case the actor can see, with case:write:
// - The lead organisation MANAGES the case (on a restricted MARAC case, so does a MARAC chair):
//   its title, summary, risk level, lead organisation and lead officer; its status (closing needs
//   a reason and a check before it is done; a closed case can be reopened); sharing it and
//   withdrawing a share; removing people and places; unlinking any incident.
// - An organisation the case is shared with CONTRIBUTES: notes, corrections of its own entries,
//   linking incidents its user can see, adding people and places its user can see, and unlinking
//   an incident it logged itself. Everything else it asks the lead organisation to do.
// - A closed case takes no new incidents, people or places (reopen it first); notes and
//   corrections are still added, so the record can be put right after closing.
// - A case's kind never changes, so a MARAC case never stops being restricted.
// - Anyone with case:write may open a case. Their organisation leads it unless they choose another
//   active organisation, which then leads it and it is shared with theirs, so they keep seeing it.
// - A timeline entry is corrected, never changed: by its author's organisation or by whoever
//   manages the case; a correction is not itself corrected (correct the original again).
//
// Every change writes the record, its timeline entry and its audit entry in one transaction, and
// ids the client sends (incidents, people, places, organisations, officers) must name records the
// actor may see and use: a guessed id is a wrong answer on the form, never a link to a stranger's
// record.
//
// One file per part; this one is the public face, so that callers import "@/lib/cases/data".

export { changeCase, type CaseForChange } from "./change-case";
export { openCase, type OpenedCase } from "./open";
export { CaseChangedError, changeCaseStatus, updateAtVersion, updateCaseDetails, type SavedCase } from "./details-and-status";
export { shareCase, shareInTransaction, withdrawShare } from "./sharing";
export {
  addPersonToCase,
  addPlaceToCase,
  linkIncidents,
  removePersonFromCase,
  removePlaceFromCase,
  unlinkIncident,
} from "./incidents-people-places";
export { addCaseNote, correctTimelineEntry } from "./notes";
export {
  CASE_INCIDENT_LIMIT,
  CASE_INCIDENTS_PAGE_SIZE,
  listCaseIncidents,
  closingCheck,
  getCase,
  getCurrentShare,
  getCaseSummary,
  type CaseDetail,
  type CaseIncidentRow,
  type CasePersonRow,
  type CasePlaceRow,
  type CaseShareRow,
  type CaseSummary,
} from "./read-one";
export {
  incidentsForNewCase,
  leadChoices,
  shareChoices,
  type IncidentForNewCase,
  type LeadOrganisationChoice,
  type NewCaseIncidents,
} from "./form-choices";
export {
  beginCaseExport,
  CASE_ROW_SELECT,
  findCaseIdByReference,
  listCases,
  organisationFilterChoices,
  type CaseList,
  type CaseListRow,
} from "./list";
export { caseOverview, type CaseOverview } from "./overview";
