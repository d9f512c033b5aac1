// The demo partnership the large data is attached to: its organisations and the users who log
// incidents, read from the database (the demo seed made them).

import type pg from "pg";
import type { OrganisationKind, Role } from "../../lib/generated/prisma/enums";
import { Rng, Weighted } from "./random";

export type SeedUser = { id: string; name: string; email: string; role: Role; orgIdx: number };

export type SeedOrganisation = {
  id: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  /** Users who log incidents and work cases (officers mostly; chairs and managers now and then). */
  workers: SeedUser[];
  workerPick: Weighted<number> | null;
};

/**
 * Each demo organisation's share of the incidents logged (police and the council log the most).
 * Ashcombe (the neighbouring area) logs a few at the boundary.
 */
const INCIDENT_SHARE: Record<string, number> = { MPS: 26, KCSAT: 25, KH: 18, LFB: 9, KHC: 7, PS: 5, KWA: 5, ASH: 5 };
/** Each organisation's share of the cases it leads. */
const CASE_LEAD_SHARE: Record<string, number> = { MPS: 30, KCSAT: 32, KH: 26, LFB: 3, KHC: 4, PS: 2, KWA: 3, ASH: 0 };

export const DEMO_ORGANISATIONS = Object.keys(INCIDENT_SHARE);
/** The council community safety team: the dashboard benchmark needs its 5,000 open actions. */
export const COUNCIL = "KCSAT";

export class Partnership {
  readonly incidentOrg: Weighted<number>;
  readonly caseLeadOrg: Weighted<number>;

  constructor(
    readonly organisations: SeedOrganisation[],
    readonly users: SeedUser[],
  ) {
    this.incidentOrg = new Weighted(
      organisations.map((o, i) => [i, o.workers.length ? (INCIDENT_SHARE[o.shortName] ?? 1) : 0] as const).filter(([, w]) => w > 0),
    );
    this.caseLeadOrg = new Weighted(
      organisations.map((o, i) => [i, o.workers.length ? (CASE_LEAD_SHARE[o.shortName] ?? 0) : 0] as const).filter(([, w]) => w > 0),
    );
  }

  orgIndex(shortName: string): number {
    const i = this.organisations.findIndex((o) => o.shortName === shortName);
    if (i < 0) throw new Error(`Organisation ${shortName} is missing.`);
    return i;
  }

  worker(rng: Rng, orgIdx: number): SeedUser {
    const org = this.organisations[orgIdx]!;
    if (!org.workerPick) throw new Error(`${org.shortName} has no active officer to log incidents.`);
    return org.workers[org.workerPick.index(rng)]!;
  }

  static async load(client: pg.Client): Promise<Partnership> {
    const orgRows = await client.query<{ id: string; name: string; shortName: string; kind: OrganisationKind }>(
      `SELECT id, name, "shortName", kind FROM "Organisation" WHERE "shortName" = ANY($1::text[]) ORDER BY "shortName"`,
      [DEMO_ORGANISATIONS],
    );
    const missing = DEMO_ORGANISATIONS.filter((s) => !orgRows.rows.some((o) => o.shortName === s));
    if (missing.length) {
      throw new Error(
        `The large seed builds on the demo partnership, but this database lacks its organisations ${missing.join(", ")}. Seed an empty database (the demo seed runs first) or run \`npm run db:seed\`.`,
      );
    }
    // A stable order (by short name) so the same database always gets the same data.
    const organisations: SeedOrganisation[] = orgRows.rows.map((o) => ({ ...o, workers: [], workerPick: null }));
    const userRows = await client.query<{ id: string; name: string; email: string; role: Role; organisationId: string }>(
      `SELECT id, name, email, role, "organisationId" FROM "User" WHERE active AND role IN ('OFFICER', 'CHAIR', 'MANAGER') ORDER BY email`,
    );
    const users: SeedUser[] = [];
    for (const u of userRows.rows) {
      const orgIdx = organisations.findIndex((o) => o.id === u.organisationId);
      if (orgIdx < 0) continue;
      const user = { id: u.id, name: u.name, email: u.email, role: u.role, orgIdx };
      users.push(user);
      organisations[orgIdx]!.workers.push(user);
    }
    for (const org of organisations) {
      if (org.workers.length) org.workerPick = new Weighted(org.workers.map((w, i) => [i, w.role === "OFFICER" ? 5 : 1] as const));
    }
    return new Partnership(organisations, users);
  }
}
