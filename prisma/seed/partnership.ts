import type { OrganisationKind, Panel, Role } from "../../lib/generated/prisma/enums";
import { seedId, type SeedContext } from "./support";

// The Kingsmere Safer City Partnership: its agencies, the people who sign in, and the
// partnership-wide settings. Everything here is fictional; e-mail domains use the reserved
// `.example` top-level domain (RFC 2606) and phone numbers Ofcom's drama range (020 7946 0xxx).

export const DEMO_PASSWORD = "Partnership-demo-2026";

type OrganisationSeed = { key: string; name: string; shortName: string; kind: OrganisationKind; domain: string };

export const ORGANISATIONS: OrganisationSeed[] = [
  { key: "MPS", name: "Metropolitan Police – Kingsmere", shortName: "MPS", kind: "POLICE", domain: "met.kingsmere.example" },
  {
    key: "KCSAT",
    name: "Kingsmere Council Community Safety and ASB Team",
    shortName: "KCSAT",
    kind: "LOCAL_AUTHORITY",
    domain: "kingsmere.gov.example",
  },
  { key: "KH", name: "Kingsmere Homes", shortName: "KH", kind: "HOUSING_PROVIDER", domain: "kingsmerehomes.example" },
  { key: "LFB", name: "London Fire Brigade – Kingsmere", shortName: "LFB", kind: "FIRE", domain: "lfb.kingsmere.example" },
  { key: "PS", name: "Probation Service – Kingsmere", shortName: "PS", kind: "PROBATION", domain: "probation.kingsmere.example" },
  { key: "KHC", name: "Kingsmere Health and Care NHS Trust", shortName: "KHC", kind: "HEALTH", domain: "khc.nhs.example" },
  { key: "KWA", name: "Kingsmere Women's Aid", shortName: "KWA", kind: "VOLUNTARY_SECTOR", domain: "kwa.example" },
  { key: "ASH", name: "Ashcombe Council", shortName: "ASH", kind: "OTHER_AREA", domain: "ashcombe.gov.example" },
];

export type UserSeed = {
  key: string;
  name: string;
  org: string;
  role: Role;
  jobTitle: string;
  panels: Panel[];
  phone: string;
  /** Why this account is in the demo, for the README's sign-in table. */
  purpose: string;
  disabled?: boolean;
};

export const USERS: UserSeed[] = [
  {
    key: "priya",
    name: "Priya Raman",
    org: "KCSAT",
    role: "ADMIN",
    jobTitle: "Partnership Systems Administrator",
    panels: [],
    phone: "020 7946 0101",
    purpose: "partnership administrator (users, organisations, audit; no case content)",
  },
  {
    key: "sandra",
    name: "Sandra Okafor",
    org: "KCSAT",
    role: "MANAGER",
    jobTitle: "Head of Community Safety",
    panels: ["CCM"],
    phone: "020 7946 0102",
    purpose: "council manager: returns, workload, own organisation's users",
  },
  {
    key: "gareth",
    name: "Gareth Holloway",
    org: "MPS",
    role: "MANAGER",
    jobTitle: "Inspector, Kingsmere Neighbourhood Policing",
    panels: ["CCM"],
    phone: "020 7946 0103",
    purpose: "police manager (authorised the closure notices)",
  },
  {
    key: "martin",
    name: "Martin Doyle",
    org: "KH",
    role: "MANAGER",
    jobTitle: "Tenancy Enforcement Manager",
    panels: ["CCM"],
    phone: "020 7946 0104",
    purpose: "housing manager",
  },
  {
    key: "helen",
    name: "Helen Marsh",
    org: "KCSAT",
    role: "CHAIR",
    jobTitle: "Community Safety Partnership Manager (CCM chair)",
    panels: ["CCM"],
    phone: "020 7946 0105",
    purpose: "chairs the CCM: triage and meeting mode",
  },
  {
    key: "rebecca",
    name: "Rebecca Chen",
    org: "MPS",
    role: "CHAIR",
    jobTitle: "Detective Inspector, Public Protection (MARAC chair)",
    panels: ["MARAC"],
    phone: "020 7946 0106",
    purpose: "chairs the MARAC: triage and meeting mode",
  },
  {
    key: "yasmin",
    name: "Yasmin Patel",
    org: "KCSAT",
    role: "OFFICER",
    jobTitle: "MARAC Coordinator",
    panels: ["MARAC"],
    phone: "020 7946 0107",
    purpose: "council officer on the MARAC panel",
  },
  {
    key: "kwame",
    name: "Kwame Mensah",
    org: "KCSAT",
    role: "OFFICER",
    jobTitle: "ASB Officer",
    panels: ["CCM"],
    phone: "020 7946 0108",
    purpose: "council ASB officer (Larkhall Gardens, Quarry Lane)",
  },
  {
    key: "laura",
    name: "Laura Bennett",
    org: "KCSAT",
    role: "OFFICER",
    jobTitle: "ASB Caseworker",
    panels: ["CCM"],
    phone: "020 7946 0109",
    purpose: "council ASB caseworker (Market Square street drinking)",
  },
  {
    key: "joseph",
    name: "Joseph Kowalski",
    org: "KCSAT",
    role: "OFFICER",
    jobTitle: "Environmental Enforcement Officer",
    panels: [],
    phone: "020 7946 0110",
    purpose: "council officer on no panel (fly-tipping)",
  },
  {
    key: "daniel",
    name: "Daniel Hughes",
    org: "MPS",
    role: "OFFICER",
    jobTitle: "PC, Dedicated Ward Officer (Bellfield)",
    panels: ["CCM"],
    phone: "020 7946 0111",
    purpose: "police officer on the CCM panel",
  },
  {
    key: "aisha",
    name: "Aisha Begum",
    org: "MPS",
    role: "OFFICER",
    jobTitle: "PCSO, Rye Vale Safer Neighbourhood Team",
    panels: ["CCM"],
    phone: "020 7946 0112",
    purpose: "PCSO (street drinking, Fennel Park)",
  },
  {
    key: "sarah",
    name: "Sarah Whitfield",
    org: "MPS",
    role: "OFFICER",
    jobTitle: "DC, Community Safety Unit (domestic abuse)",
    panels: ["MARAC"],
    phone: "020 7946 0113",
    purpose: "police officer on the MARAC panel",
  },
  {
    key: "tom",
    name: "Tom Fletcher",
    org: "MPS",
    role: "OFFICER",
    jobTitle: "PC, Emergency Response Team",
    panels: [],
    phone: "020 7946 0114",
    purpose: "police officer on NO panel: must not see MARAC cases",
  },
  {
    key: "fatima",
    name: "Fatima Hussain",
    org: "KH",
    role: "OFFICER",
    jobTitle: "Housing Officer (safeguarding lead)",
    panels: ["CCM", "MARAC"],
    phone: "020 7946 0115",
    purpose: "housing officer on both panels",
  },
  {
    key: "owen",
    name: "Owen Price",
    org: "KH",
    role: "OFFICER",
    jobTitle: "Neighbourhood Housing Officer",
    panels: ["CCM"],
    phone: "020 7946 0116",
    purpose: "housing officer (Cordwainer Court noise)",
  },
  {
    key: "sean",
    name: "Sean Gallagher",
    org: "LFB",
    role: "OFFICER",
    jobTitle: "Station Officer, Community Safety",
    panels: ["CCM"],
    phone: "020 7946 0117",
    purpose: "fire brigade officer",
  },
  {
    key: "grace",
    name: "Grace Adeyemi",
    org: "PS",
    role: "OFFICER",
    jobTitle: "Senior Probation Officer",
    panels: ["CCM", "MARAC"],
    phone: "020 7946 0118",
    purpose: "probation officer on both panels",
  },
  {
    key: "nadia",
    name: "Nadia Ali",
    org: "KHC",
    role: "OFFICER",
    jobTitle: "Safeguarding Adults Lead",
    panels: ["CCM", "MARAC"],
    phone: "020 7946 0119",
    purpose: "health safeguarding lead on both panels",
  },
  {
    key: "claire",
    name: "Claire Robinson",
    org: "KWA",
    role: "OFFICER",
    jobTitle: "Independent Domestic Violence Advisor (IDVA)",
    panels: ["MARAC"],
    phone: "020 7946 0120",
    purpose: "IDVA on the MARAC panel",
  },
  {
    key: "michael",
    name: "Michael O'Brien",
    org: "ASH",
    role: "OFFICER",
    jobTitle: "Community Safety and MARAC Coordinator, Ashcombe",
    panels: [],
    phone: "020 7946 0121",
    purpose: "neighbouring area, on no panel: referred a MARAC transfer-in, so sees that case only",
  },
  {
    key: "ben",
    name: "Ben Carter",
    org: "KCSAT",
    role: "VIEWER",
    jobTitle: "Community Safety Analyst",
    panels: [],
    phone: "020 7946 0122",
    purpose: "read-only viewer",
  },
  {
    key: "paul",
    name: "Paul Stevens",
    org: "MPS",
    role: "OFFICER",
    jobTitle: "PC (transferred out of the borough)",
    panels: ["CCM"],
    phone: "020 7946 0123",
    purpose: "DISABLED account: sign-in must be refused",
    disabled: true,
  },
];

export function emailOf(user: Pick<UserSeed, "name" | "org">): string {
  const org = ORGANISATIONS.find((o) => o.key === user.org);
  if (!org) throw new Error(`Unknown organisation ${user.org}`);
  const [first, ...rest] = user.name.split(" ");
  const local = [first, rest.join("")].map((s) => (s ?? "").toLowerCase().replace(/[^a-z]/g, "")).join(".");
  return `${local}@${org.domain}`;
}

// ───────────────────────────── Writers ─────────────────────────────

export async function seedOrganisations(ctx: SeedContext): Promise<void> {
  const createdAt = ctx.clock.at(-640, "09:00");
  for (const org of ORGANISATIONS) {
    const data = {
      name: org.name,
      shortName: org.shortName,
      kind: org.kind,
      active: true,
      mfaRequired: false,
      emailDomains: [org.domain],
      updatedAt: createdAt,
    };
    const row = await ctx.tx.organisation.upsert({
      where: { name: org.name },
      create: { id: seedId(`org:${org.key}`), ...data, createdAt },
      update: data,
    });
    ctx.remember(`org:${org.key}`, row.id);
  }
}

/**
 * `passwordHashes` holds, per e-mail, the hash to write: an existing hash that already verifies
 * against the demo password is kept (argon2 salts differ per hash, so re-hashing would change
 * every user row on each run).
 */
export async function seedUsers(ctx: SeedContext, passwordHashes: Map<string, string>): Promise<void> {
  const createdAt = ctx.clock.at(-630, "09:30");
  const passwordSetAt = ctx.clock.at(-629, "10:15");
  for (const user of USERS) {
    const email = emailOf(user);
    const organisationId = ctx.id(`org:${user.org}`);
    const passwordHash = passwordHashes.get(email);
    if (!passwordHash) throw new Error(`No password hash prepared for ${email}`);
    const disabledAt = user.disabled ? ctx.clock.at(-45, "16:00") : null;
    const data = {
      email,
      name: user.name,
      jobTitle: user.jobTitle,
      phone: user.phone,
      organisationId,
      role: user.role,
      passwordHash,
      passwordSetAt,
      active: !user.disabled,
      disabledAt,
      updatedAt: disabledAt ?? createdAt,
    };
    const row = await ctx.tx.user.upsert({
      where: { email },
      create: { id: seedId(`user:${user.key}`), ...data, createdAt },
      update: data,
    });
    ctx.remember(`user:${user.key}`, row.id);
    const org = ORGANISATIONS.find((o) => o.key === user.org)!;
    ctx.users.set(user.key, { id: row.id, organisationId, name: user.name, orgShortName: org.shortName });
  }

  // The administrator asked for every membership; the MARAC chair approved the MARAC ones (a
  // restricted panel is granted only by its chair) and added herself when the panel was set up.
  const admin = ctx.user("priya");
  const maracChair = ctx.user("rebecca");
  for (const user of USERS) {
    for (const panel of user.panels) {
      const userId = ctx.user(user.key).id;
      const grant =
        panel !== "MARAC"
          ? { addedById: admin.id, approvedById: null }
          : userId === maracChair.id
            ? { addedById: maracChair.id, approvedById: null }
            : { addedById: admin.id, approvedById: maracChair.id };
      await ctx.tx.panelMembership.upsert({
        where: { userId_panel: { userId, panel } },
        create: { userId, panel, addedAt: createdAt, ...grant },
        update: { addedAt: createdAt, ...grant },
      });
    }
  }
}
