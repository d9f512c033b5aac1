import type { AsbCategory, AsbType, InvolvementRole, ReportMethod, RiskLevel } from "@/lib/generated/prisma/enums";

// Plain English for the incident enums, in the order forms offer them. Pure: used by pages,
// forms (client) and exports alike.

export const REPORT_METHOD_LABELS: Record<ReportMethod, string> = {
  PHONE: "Phone",
  ONLINE: "Online form",
  EMAIL: "Email",
  IN_PERSON: "In person",
  PATROL: "Seen on patrol",
  PARTNER_REFERRAL: "Referral from a partner agency",
  OTHER: "Other",
};

export const CATEGORY_LABELS: Record<AsbCategory, string> = {
  PERSONAL: "Personal",
  NUISANCE: "Nuisance",
  ENVIRONMENTAL: "Environmental",
};

// The Home Office's three ASB categories, as the hint under each choice.
export const CATEGORY_HINTS: Record<AsbCategory, string> = {
  PERSONAL: "Targeted at a particular person or group, rather than the community at large",
  NUISANCE: "Causes trouble, annoyance or suffering to a local community",
  ENVIRONMENTAL: "Affects the wider surroundings, such as public spaces, buildings and streets",
};

export const TYPE_LABELS: Record<AsbType, string> = {
  ROWDY_INCONSIDERATE: "Rowdy or inconsiderate behaviour",
  NOISE: "Noise",
  STREET_DRINKING: "Street drinking",
  BEGGING: "Begging",
  DRUG_USE_DEALING: "Drug use or dealing",
  VEHICLE_NUISANCE: "Vehicle nuisance",
  LITTERING_FLY_TIPPING: "Littering or fly-tipping",
  CRIMINAL_DAMAGE_GRAFFITI: "Criminal damage or graffiti",
  INTIMIDATION_HARASSMENT: "Intimidation or harassment",
  HATE_MOTIVATED: "Hate-motivated",
  OTHER: "Other",
};

export const ROLE_LABELS: Record<InvolvementRole, string> = {
  VICTIM: "Victim",
  PERPETRATOR: "Alleged perpetrator",
  WITNESS: "Witness",
  REPORTER: "Reporter",
  OTHER: "Other",
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  STANDARD: "Standard",
  MEDIUM: "Medium",
  HIGH: "High",
};

/** [value, label] pairs in the order above, for radios and selects. */
export function choicesOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** A person as a picker shows them once chosen: "Kyle Denton, born 02/05/2000". */
export function personLabel(name: string, dateOfBirth: string | null | undefined): string {
  return dateOfBirth ? `${name}, born ${dateOfBirth}` : `${name}, date of birth not known`;
}

/** A place as a picker shows it once chosen: "Harker House, SE15 4QF". */
export function placeLabel(label: string, postcode: string | null | undefined): string {
  return postcode && !label.includes(postcode) ? `${label}, ${postcode}` : label;
}
