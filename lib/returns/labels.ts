import type { CcmMeasure, MaracMeasure, MaracPeriodMeasure, PowerMeasure, TriggerMeasure } from "./data";
import type { OrganisationType } from "./tables";

// Plain English for the returns' columns and figures. Pure: pages, client components and the data
// layer read it. (The returns' titles and the organisation types' names are in tables.ts.)

/** The tools and powers return's column headings. */
export const POWER_MEASURE_HEADERS: Record<PowerMeasure, string> = {
  issued: "Issued",
  breaches: "Breaches",
  "powers-breached": "Powers breached",
  appealed: "Appealed",
  "discharged-expired": "Discharged or expired",
  withdrawn: "Withdrawn",
  "breaches-fpn": "Breaches: FPN",
  "breaches-prosecution": "Breaches: prosecution",
  "breaches-warning": "Breaches: warning",
  "breaches-none": "Breaches: no action",
};

/** The action taken on the breaches behind a breach-outcome figure, within its name ("2 breaches of … prosecuted"). */
export const BREACH_OUTCOME_WORDS: Record<string, string> = {
  "breaches-fpn": "dealt with by fixed penalty notice",
  "breaches-prosecution": "prosecuted",
  "breaches-warning": "dealt with by warning",
  "breaches-none": "with no action taken",
};

/** A breach's action taken, as a drill-down row says it ("Breached: fixed penalty notice"). */
export const BREACH_ACTION_WORDS: Record<string, string> = {
  FPN: "fixed penalty notice",
  PROSECUTION: "prosecution",
  WARNING: "warning",
  NONE: "no action",
};

/** What happened to a power in the period, as a drill-down row says it. */
export const POWER_EVENT_WORDS: Record<string, string> = {
  issued: "Issued",
  appealed: "Appealed",
  discharged: "Discharged",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

/** An organisation type within a figure's name ("3 powers issued by police forces"). */
export const ORGANISATION_TYPE_WORDS: Record<OrganisationType, string> = {
  police: "police forces",
  "local-authority": "local authorities",
  "housing-provider": "housing providers",
  other: "other organisations",
};

/** The Community Trigger publication's column headings. */
export const TRIGGER_HEADERS: Record<TriggerMeasure, string> = {
  received: "Applications received",
  "threshold-not-met": "Threshold not met",
  reviews: "Case reviews carried out",
  "reviews-recommendations": "Reviews resulting in recommendations",
};

/** The CCM activity return's column headings. */
export const CCM_HEADERS: Record<CcmMeasure, string> = {
  "cases-heard": "Cases heard",
  "actions-agreed": "Actions agreed",
  "actions-completed": "Actions completed",
  "actions-overdue": "Actions overdue",
};

/** The MARAC data return's column headings. */
export const MARAC_HEADERS: Record<MaracMeasure, string> = {
  "cases-discussed": "Cases discussed",
  "repeat-cases": "Repeat cases",
  children: "Children in the households",
  "victims-racially-minoritised": "Victims: Black, Asian or racially minoritised",
  "victims-lgbt": "Victims: LGBT+",
  "victims-disability": "Victims: disability",
  "victims-male": "Victims: male",
  "victims-aged-16-17": "Victims: aged 16–17",
  "perpetrators-17-or-under": "Perpetrators aged 17 or under",
};

/** The MARAC data return's figures for the period as a whole. */
export const MARAC_PERIOD_HEADERS: Record<MaracPeriodMeasure, string> = {
  "referrals-received": "Referrals received",
  "transfers-in": "Of which transfers in",
  "transfers-out": "Transfers out",
};
