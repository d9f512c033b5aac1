import { hashPassword, verifyPassword } from "../../lib/auth/password";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { numberCases, seedActions, seedCases, seedCommunityTrigger, seedRiskAssessments } from "./cases";
import { numberIncidents, seedIncidents } from "./incidents";
import { numberPanels, seedAgendas, seedMeetings, seedReferrals } from "./panels";
import { seedMeetingAttendance } from "./meetings";
import { DEMO_PASSWORD, USERS, emailOf, seedOrganisations, seedUsers } from "./partnership";
import { seedLocations, seedPeople } from "./places-and-people";
import { numberPowers, seedPowers, seedPspo } from "./powers";
import { seedReferenceData } from "./reference-data";
import { DemoClock, SeedContext, todayInLondon, type Tx } from "./support";
import { seedTimeline } from "./timeline";

// The demo partnership (Kingsmere Safer City Partnership), written in one transaction. Every row
// is upserted by a natural key or a deterministic id, so running the seed again leaves exactly
// the same data. It never writes the audit trail: that is the app's, hash-chained and append-only.

export { DEMO_PASSWORD, USERS, emailOf } from "./partnership";
export { seedReferenceData } from "./reference-data";

/** The setting that remembers the day the demo's dates are relative to. */
export const DEMO_ANCHOR_SETTING = "demoSeed";

export type SeedDemoOptions = {
  /**
   * The London day ("YYYY-MM-DD") the demo's dates are relative to. Defaults to the day stored by
   * an earlier run, else today. A database seeded with one anchor refuses another (reset it first).
   */
  anchorDate?: string;
};

export type SeedSummary = { anchorDate: string; counts: Record<string, number> };

// Serialises two seeds started at once against the same database.
const SEED_LOCK = 7_271_002;

export async function seedDemo(prisma: PrismaClient, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  const anchorDate = await resolveAnchor(prisma, options.anchorDate);
  const clock = new DemoClock(anchorDate);
  const passwordHashes = await preparePasswordHashes(prisma);

  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const ctx = new SeedContext(tx, clock);
      numberIncidents(ctx);
      numberCases(ctx);
      numberPowers(ctx);
      numberPanels(ctx);

      const powerKindIds = await seedReferenceData(tx, { createdAt: clock.at(-640, "09:00") });
      await seedOrganisations(ctx);
      await seedUsers(ctx, passwordHashes);
      await seedLocations(ctx);
      await seedPeople(ctx);
      await seedCases(ctx);
      await seedIncidents(ctx);
      await seedPspo(ctx);
      await seedPowers(ctx, powerKindIds);
      await seedReferrals(ctx);
      await seedMeetings(ctx);
      await seedAgendas(ctx);
      await seedMeetingAttendance(ctx);
      await seedActions(ctx);
      await seedRiskAssessments(ctx);
      await seedCommunityTrigger(ctx);
      await seedTimeline(ctx);
      await seedReferenceCounters(ctx);
      await rememberAnchor(tx, anchorDate, clock.at(-640, "09:00"));
    },
    { timeout: 300_000, maxWait: 30_000 },
  );

  return { anchorDate, counts: await countRows(prisma) };
}

async function resolveAnchor(prisma: PrismaClient, requested: string | undefined): Promise<string> {
  const stored = await prisma.setting.findUnique({ where: { key: DEMO_ANCHOR_SETTING } });
  const storedDate = (stored?.value as { anchorDate?: unknown } | null)?.anchorDate;
  if (typeof storedDate === "string") {
    if (requested && requested !== storedDate) {
      throw new Error(
        `This database already holds the demo data dated relative to ${storedDate}; it cannot be re-dated to ${requested} in place. Reset the database, or seed without an anchor date.`,
      );
    }
    return storedDate;
  }
  return requested ?? todayInLondon();
}

async function rememberAnchor(tx: Tx, anchorDate: string, updatedAt: Date): Promise<void> {
  const value = { anchorDate, note: "The demo data's dates are relative to this day. Reset the database to re-seed with fresh dates." };
  await tx.setting.upsert({
    where: { key: DEMO_ANCHOR_SETTING },
    create: { key: DEMO_ANCHOR_SETTING, value, updatedAt },
    update: { value, updatedAt },
  });
}

/**
 * argon2 hashes are salted, so hashing again on every run would change every user row. A hash
 * already in the database that verifies against the demo password is kept; others are made.
 * Done before the transaction, which should not wait on ~20 deliberately slow hashes.
 */
async function preparePasswordHashes(prisma: PrismaClient): Promise<Map<string, string>> {
  const emails = USERS.map(emailOf);
  const existing = await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true, passwordHash: true } });
  const byEmail = new Map(existing.map((u) => [u.email, u.passwordHash]));
  const hashes = await Promise.all(
    emails.map(async (email) => {
      const current = byEmail.get(email);
      if (current && (await verifyPassword(current, DEMO_PASSWORD))) return [email, current] as const;
      return [email, await hashPassword(DEMO_PASSWORD)] as const;
    }),
  );
  return new Map(hashes);
}

/** The app numbers new records from these counters, so each must be at least the highest seeded number. */
async function seedReferenceCounters(ctx: SeedContext): Promise<void> {
  for (const counter of ctx.counters) {
    const where = { prefix_year: { prefix: counter.prefix, year: counter.year } };
    const existing = await ctx.tx.referenceCounter.findUnique({ where });
    const last = Math.max(existing?.last ?? 0, counter.last);
    await ctx.tx.referenceCounter.upsert({ where, create: { ...counter, last }, update: { last } });
  }
}

export async function countRows(prisma: PrismaClient): Promise<Record<string, number>> {
  // Each table once: its name in the seed's summary, and its count.
  const tables: [string, () => Promise<number>][] = [
    ["organisations", () => prisma.organisation.count()],
    ["users", () => prisma.user.count()],
    ["panelMemberships", () => prisma.panelMembership.count()],
    ["powerKinds", () => prisma.powerKind.count()],
    ["settings", () => prisma.setting.count()],
    ["locations", () => prisma.location.count()],
    ["people", () => prisma.person.count()],
    ["aliases", () => prisma.personAlias.count()],
    ["markers", () => prisma.vulnerabilityMarker.count()],
    ["incidents", () => prisma.incident.count()],
    ["incidentPeople", () => prisma.incidentPerson.count()],
    ["cases", () => prisma.case.count()],
    ["caseShares", () => prisma.caseShare.count()],
    ["casePeople", () => prisma.casePerson.count()],
    ["caseLocations", () => prisma.caseLocation.count()],
    ["actions", () => prisma.caseAction.count()],
    ["timelineEntries", () => prisma.timelineEntry.count()],
    ["riskAssessments", () => prisma.riskAssessment.count()],
    ["communityTriggers", () => prisma.communityTrigger.count()],
    ["qualifyingComplaints", () => prisma.qualifyingComplaint.count()],
    ["pspos", () => prisma.pspo.count()],
    ["powers", () => prisma.powerUse.count()],
    ["powerStatusChanges", () => prisma.powerStatusChange.count()],
    ["powerBreaches", () => prisma.powerBreach.count()],
    ["referrals", () => prisma.referral.count()],
    ["referralTriage", () => prisma.referralTriage.count()],
    ["meetings", () => prisma.meeting.count()],
    ["meetingAttendees", () => prisma.meetingAttendee.count()],
    ["agendaItems", () => prisma.agendaItem.count()],
    ["referenceCounters", () => prisma.referenceCounter.count()],
  ];
  const counts = await Promise.all(tables.map(([, count]) => count()));
  return Object.fromEntries(tables.map(([name], i) => [name, counts[i]!]));
}
