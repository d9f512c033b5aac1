import type { PowerStatus } from "@/lib/generated/prisma/enums";

// Plain English for the power statuses shown on a place's profile.
// TODO(lead): these belong to lib/powers (labels.ts) when the powers register lands; move them there.

export const POWER_STATUS_LABELS: Record<PowerStatus, string> = {
  ISSUED: "Issued",
  COMPLIED: "Complied with",
  BREACHED: "Breached",
  APPEALED: "Appealed",
  VARIED: "Varied",
  DISCHARGED: "Discharged",
  EXPIRED: "Expired",
  WITHDRAWN: "Withdrawn",
};

// Case labels live in lib/cases/labels.ts; re-exported for the screens that first took them from here.
export { CASE_KIND_LABELS, CASE_STATUS_LABELS } from "@/lib/cases/labels";
