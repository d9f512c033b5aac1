import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/actor-type";
import type { OrganisationKind, Panel, Role } from "@/lib/generated/prisma/enums";

// Builders for integration tests: each call makes fresh rows with unique names, so tests in one
// file never depend on each other's data.

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export async function makeOrganisation(kind: OrganisationKind = "POLICE", name?: string) {
  const suffix = randomUUID().slice(0, 8);
  return db.organisation.create({
    data: { name: name ?? `Test organisation ${suffix}`, shortName: `T${suffix}`, kind, emailDomains: ["test.example"] },
  });
}

export async function makeUser(options: { organisationId: string; role?: Role; panels?: Panel[]; active?: boolean }) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomUUID().slice(0, 8);
  return db.user.create({
    data: {
      email: `user-${suffix}@test.example`,
      name: `Test User ${suffix}`,
      organisationId: options.organisationId,
      role: options.role ?? "OFFICER",
      passwordHash: await passwordHash,
      passwordSetAt: new Date(),
      active: options.active ?? true,
      panels: { create: (options.panels ?? []).map((panel) => ({ panel })) },
    },
  });
}

/** An actor as resolveSession would build it, without going through sign-in. */
export async function actorFor(userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { organisation: true, panels: true } });
  return {
    userId: user.id,
    sessionId: randomUUID(),
    name: user.name,
    email: user.email,
    role: user.role,
    panels: user.panels.map((p) => p.panel),
    organisationId: user.organisationId,
    organisationName: user.organisation.name,
    organisationShortName: user.organisation.shortName,
    organisationKind: user.organisation.kind,
  };
}
