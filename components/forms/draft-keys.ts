// The name of each form's draft (components/forms/drafts), in one place: the form keeps its draft
// under it, and the page a successful submission leads to deletes it (ClearDraft).

export const DRAFT_KEYS = {
  newIncident: "incident:new",
  incidentEdit: (incidentId: string) => `incident:${incidentId}`,
  caseNote: (caseId: string) => `case-note:${caseId}`,
  newPower: "power:new",
  referral: (caseId: string) => `referral:${caseId}`,
  riskAssessment: (kind: "DASH" | "ASB_MATRIX", caseId: string) => `risk:${kind}:${caseId}`,
} as const;
