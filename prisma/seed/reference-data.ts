import { seedId, type Tx } from "./support";

// Reference data every partnership needs, demo or not: the kinds of tools and powers (a row per
// power, so a change in the law is data, not a migration) and the default settings. Written by
// `seedReferenceData`, which is safe to run on a production database: it only upserts these rows.

type PowerKindSeed = {
  code: string;
  name: string;
  legalBasis: string;
  statutory: boolean;
  hasExpiry: boolean;
  needsCourt: boolean;
  appealable: boolean;
  allowsBusinessSubject: boolean;
};

const ACT_2014 = "Anti-social Behaviour, Crime and Policing Act 2014";

const POWER_KIND_LIST: PowerKindSeed[] = [
  {
    code: "CIVIL_INJUNCTION",
    name: "Civil injunction",
    legalBasis: `${ACT_2014}, Part 1 (s.1); may include a power of arrest (s.4) and exclusion from the home (s.13)`,
    statutory: true,
    hasExpiry: true,
    needsCourt: true,
    appealable: true,
    allowsBusinessSubject: false,
  },
  {
    code: "CBO",
    name: "Criminal Behaviour Order",
    legalBasis: `${ACT_2014}, Part 2 (s.22), made on conviction`,
    statutory: true,
    hasExpiry: true,
    needsCourt: true,
    appealable: true,
    allowsBusinessSubject: false,
  },
  {
    code: "INTERIM_CBO",
    name: "Interim Criminal Behaviour Order",
    legalBasis: `${ACT_2014}, Part 2 (s.26), until the final hearing`,
    statutory: true,
    hasExpiry: true,
    needsCourt: true,
    appealable: true,
    allowsBusinessSubject: false,
  },
  {
    code: "DISPERSAL_DIRECTION",
    name: "Dispersal direction",
    legalBasis: `${ACT_2014}, Part 3 (s.35), up to 48 hours under an inspector's authorisation`,
    statutory: true,
    hasExpiry: true,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: false,
  },
  {
    code: "CPW",
    name: "Community Protection Warning",
    legalBasis: `${ACT_2014}, Part 4, Chapter 1 (s.43); must precede a Community Protection Notice`,
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: true,
  },
  {
    code: "CPN",
    name: "Community Protection Notice",
    legalBasis: `${ACT_2014}, Part 4, Chapter 1 (s.43); appeal to a magistrates' court within 21 days (s.46)`,
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: true,
    allowsBusinessSubject: true,
  },
  {
    code: "CPN_FPN",
    name: "Fixed penalty notice for breach of a CPN",
    legalBasis: `${ACT_2014}, Part 4, Chapter 1 (s.52)`,
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: true,
  },
  {
    code: "PSPO_FPN",
    name: "Fixed penalty notice for breach of a PSPO",
    legalBasis: `${ACT_2014}, Part 4, Chapter 2 (s.68)`,
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: false,
  },
  {
    code: "CLOSURE_NOTICE",
    name: "Closure notice",
    legalBasis: `${ACT_2014}, Part 4, Chapter 3 (s.76); up to 24 hours, or 48 hours if extended`,
    statutory: true,
    hasExpiry: true,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: true,
  },
  {
    code: "CLOSURE_ORDER",
    name: "Closure order",
    legalBasis: `${ACT_2014}, Part 4, Chapter 3 (s.80); up to 3 months, extendable to 6 months`,
    statutory: true,
    hasExpiry: true,
    needsCourt: true,
    appealable: true,
    allowsBusinessSubject: true,
  },
  {
    code: "COMMUNITY_REMEDY",
    name: "Community Remedy",
    legalBasis: `${ACT_2014}, Part 6 (s.101)`,
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: false,
  },
  {
    code: "ABC",
    name: "Acceptable Behaviour Contract",
    legalBasis: "Non-statutory: a voluntary written agreement, usually for six months",
    statutory: false,
    hasExpiry: true,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: false,
  },
  {
    code: "WARNING_LETTER",
    name: "Warning letter",
    legalBasis: "Non-statutory",
    statutory: false,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: true,
  },
  {
    code: "PARENTING_ORDER",
    name: "Parenting order",
    legalBasis: "Crime and Disorder Act 1998, s.8; Anti-social Behaviour Act 2003, s.26A",
    statutory: true,
    hasExpiry: true,
    needsCourt: true,
    appealable: true,
    allowsBusinessSubject: false,
  },
  {
    code: "ABSOLUTE_POSSESSION_NOTICE",
    name: "Absolute ground for possession notice",
    legalBasis: "Housing Act 1985, s.84A (notice under s.83ZA); the tenant may ask for a review",
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: true,
    allowsBusinessSubject: false,
  },
  {
    code: "PREMISES_LICENCE_REVIEW",
    name: "Premises licence review",
    legalBasis: "Licensing Act 2003, s.51; appeal to a magistrates' court",
    statutory: true,
    hasExpiry: false,
    needsCourt: false,
    appealable: true,
    allowsBusinessSubject: true,
  },
  {
    code: "OTHER",
    name: "Other",
    legalBasis: "As recorded on the power",
    statutory: false,
    hasExpiry: false,
    needsCourt: false,
    appealable: false,
    allowsBusinessSubject: true,
  },
];

export const POWER_KINDS = POWER_KIND_LIST.map((kind, i) => ({ ...kind, sortOrder: kind.code === "OTHER" ? 999 : (i + 1) * 10 }));

export type PowerKindCode = (typeof POWER_KIND_LIST)[number]["code"];

export const DEFAULT_SETTINGS: Record<string, object> = {
  // A person is a repeat victim when they are the victim in `threshold` incidents within `windowMonths`.
  repeatVictim: { threshold: 3, windowMonths: 12 },
  // Community Trigger: `complaints` about the same problem within `windowMonths`, each reported
  // within `reportWithinDays` of the incident (s.104 ASB, Crime and Policing Act 2014).
  communityTrigger: { complaints: 3, windowMonths: 6, reportWithinDays: 31 },
  mfa: { requiredForAll: false },
};

/** Upserts the power kinds and adds any missing default settings; returns the power kind ids by code. */
export async function seedReferenceData(tx: Tx, options: { createdAt?: Date } = {}): Promise<Map<string, string>> {
  const createdAt = options.createdAt ?? new Date();
  const ids = new Map<string, string>();
  for (const kind of POWER_KINDS) {
    // `active` is left alone on update: an administrator may have retired a kind.
    const row = await tx.powerKind.upsert({
      where: { code: kind.code },
      create: { id: seedId(`power-kind:${kind.code}`), ...kind, active: true, createdAt },
      update: kind,
    });
    ids.set(kind.code, row.id);
  }
  // Defaults only: a setting the partnership has changed is kept.
  await tx.setting.createMany({
    data: Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value, updatedAt: createdAt })),
    skipDuplicates: true,
  });
  return ids;
}
