import { beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { promisify } from "node:util";
import type pg from "pg";
import { db } from "@/lib/db";
import {
  audit,
  auditRefusal,
  auditView,
  exportAuditTrail,
  maySeeWhoHasSeen,
  recordAudit,
  searchAuditTrail,
  verifyAuditChain,
  verifyAuditTrail,
  whoHasSeen,
} from "@/lib/audit/data";
import { sealAuditTrail } from "@/lib/audit/data/seal";
import { sealEverything } from "@/tests/support/audit-chain";
import { GENESIS_HASH, unkeyedSeal, type AuditContent } from "@/lib/audit/chain";
import { parseAuditFilters } from "@/lib/audit/filters";
import { NotFoundError } from "@/lib/errors";
import { asAppRole, asOwner, sqlState } from "@/tests/support/database-roles";
import { agency, colleague, makePerson } from "@/tests/support/people-fixtures";
import { makeCase } from "@/tests/support/people-fixtures";

// The audit trail from the attacker's side. The app's own database role may only read and append
// to it: changing, removing or emptying it, or lifting its triggers, is refused with "permission
// denied". The owner role is refused plain changes by the append-only triggers, and an entry it
// changes, removes or slips in behind their back, even with every later link re-hashed by the
// published algorithm, is found by the verify command, because each entry's MAC and the chain the
// sealer builds are keyed with AUDIT_CHAIN_KEY, which is not in the database. Only administrators search it, and only the lead organisation's
// manager (besides them) learns who has seen a case.

const run = promisify(execFile);

/** `npm run audit:verify` itself, against this file's database as the app's role. */
function verifyCommand(env: Record<string, string | undefined> = {}) {
  return tool("verify-audit.ts", env);
}

/** A prisma/tooling script run as a child process, as npm would run it. */
async function tool(script: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", `prisma/tooling/${script}`], {
      env: { ...process.env, ...env },
      cwd: process.cwd(),
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** As the owner role, with the append-only triggers of the trail and its chain lifted for one transaction. */
async function tamper(work: (client: pg.Client) => Promise<unknown>) {
  await asOwner(async (client) => {
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await client.query(`ALTER TABLE "AuditSeal" DISABLE TRIGGER "AuditSeal_append_only"`);
    await work(client);
    await client.query(`ALTER TABLE "AuditSeal" ENABLE TRIGGER "AuditSeal_append_only"`);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    await client.query("COMMIT");
  });
}

// Every test starts from an empty trail (cleared as the owner, the triggers lifted), so that one
// test's tampering is not the first break the next test's check finds.
beforeEach(() =>
  tamper(async (client) => {
    await client.query(`DELETE FROM "AuditSeal"`);
    await client.query(`DELETE FROM "AuditEvent"`);
  }),
);

/** n entries written and then sealed, as the worker's sealer does within a second. */
async function someEvents(n: number, options: { seal?: boolean } = {}) {
  const { organisation, user } = await agency();
  for (let i = 0; i < n; i++)
    await audit({ action: "VIEW", userId: user.id, organisationId: organisation.id, entityType: "Person", entityId: crypto.randomUUID() });
  if (options.seal !== false) await sealEverything();
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

/** The chain's links in order, with the content of the entry each seals. */
async function links(client: pg.Client) {
  const { rows } = await client.query(
    `SELECT s.seq::text AS seq, e.id::text AS id, e."at", e."action"::text AS "action", e."userId"::text AS "userId",
            e."organisationId"::text AS "organisationId", e."entityType", e."entityId", e."detail", e."ip", s."hash"
       FROM "AuditSeal" s JOIN "AuditEvent" e ON e.id = s."entryId" ORDER BY s.seq`,
  );
  return rows as (AuditContent & { seq: string; id: string; hash: string })[];
}

describe("the app's own database role cannot rewrite the audit trail", () => {
  it("is refused UPDATE, DELETE and TRUNCATE on it and its chain, and lifting or dropping their triggers, with permission denied", async () => {
    const [first] = await someEvents(2);
    const refusals = await asAppRole(async (client) => ({
      update: await sqlState(client, `UPDATE "AuditEvent" SET "ip" = '10.0.0.1' WHERE id = ${first!.id}`),
      delete: await sqlState(client, `DELETE FROM "AuditEvent" WHERE id = ${first!.id}`),
      truncate: await sqlState(client, `TRUNCATE "AuditEvent"`),
      disableTrigger: await sqlState(client, `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
      disableAllTriggers: await sqlState(client, `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`),
      dropTrigger: await sqlState(client, `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`),
      relink: await sqlState(client, `UPDATE "AuditSeal" SET "hash" = 'x' WHERE "entryId" = ${first!.id}`),
      unlink: await sqlState(client, `DELETE FROM "AuditSeal" WHERE "entryId" = ${first!.id}`),
      truncateChain: await sqlState(client, `TRUNCATE "AuditSeal"`),
      disableChainTrigger: await sqlState(client, `ALTER TABLE "AuditSeal" DISABLE TRIGGER ALL`),
    }));
    expect(refusals).toEqual({
      update: "42501",
      delete: "42501",
      truncate: "42501",
      disableTrigger: "42501",
      disableAllTriggers: "42501",
      dropTrigger: "42501",
      relink: "42501",
      unlink: "42501",
      truncateChain: "42501",
      disableChainTrigger: "42501",
    });
    expect(await db.auditEvent.findUnique({ where: { id: first!.id } })).toMatchObject({ ip: first!.ip });
    expect(await db.auditEvent.count()).toBe(2);
    expect(await db.auditSeal.count()).toBe(2);
  });

  it("the owner role, too, is refused a plain UPDATE, DELETE and TRUNCATE by the append-only triggers", async () => {
    const [first] = await someEvents(2);
    await asOwner(async (client) => {
      await expect(client.query(`UPDATE "AuditEvent" SET "ip" = '10.0.0.1' WHERE id = ${first!.id}`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE id = ${first!.id}`)).rejects.toThrow(/append-only/);
      // Refused by its chain's foreign key before the trigger is reached.
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only|foreign key/);
      await expect(client.query(`UPDATE "AuditSeal" SET "hash" = 'x' WHERE "entryId" = ${first!.id}`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE "AuditSeal"`)).rejects.toThrow(/append-only/);
    });
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("an entry cannot be written without AUDIT_CHAIN_KEY: the first audited action fails, saying what to set", async () => {
    const { organisation, user } = await agency();
    const key = process.env.AUDIT_CHAIN_KEY;
    delete process.env.AUDIT_CHAIN_KEY;
    try {
      await expect(
        audit({ action: "VIEW", userId: user.id, organisationId: organisation.id, entityType: "Person", entityId: "x" }),
      ).rejects.toThrow(/AUDIT_CHAIN_KEY is not set/);
    } finally {
      process.env.AUDIT_CHAIN_KEY = key;
    }
    expect(await db.auditEvent.count()).toBe(0);
  });
});

describe("the sealer chains entries after they commit, without a lock on the writers", () => {
  it("an entry whose transaction is still open holds back sealing; once it commits it is chained before the entries written after it began", async () => {
    const { organisation, user } = await agency();
    const entry = (entityId: string) => ({
      action: "VIEW" as const,
      userId: user.id,
      organisationId: organisation.id,
      entityType: "Person",
      entityId,
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inside = new Promise<void>((resolve) => (written = resolve));
    // A long write (an import's batch, say): its entry has an id but is not committed.
    const long = db.$transaction(async (tx) => {
      await recordAudit(tx, entry("long"));
      written();
      await gate;
    });
    await inside;
    await audit(entry("after-1"));
    await audit(entry("after-2"));

    // Both later entries have committed, but the open transaction could still add one before them.
    expect(await sealAuditTrail()).toEqual({ sealed: 0, busy: false });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 0, pending: 2 });

    release();
    await long;
    await sealEverything();
    const chained = await asOwner(links);
    expect(chained.map((l) => l.entityId)).toEqual(["long", "after-1", "after-2"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 3, pending: 0 });
  });

  it(
    "50 concurrent audited writers with two sealers running: every entry is sealed exactly once and the chain holds",
    { timeout: 60_000 },
    async () => {
      const { organisation, user } = await agency();
      const sealers: Promise<unknown>[] = [];
      let writing = true;
      for (let s = 0; s < 2; s++)
        sealers.push(
          (async () => {
            while (writing) await sealAuditTrail();
          })(),
        );
      await Promise.all(
        Array.from({ length: 50 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 8; i++)
              await audit({
                action: "VIEW",
                userId: user.id,
                organisationId: organisation.id,
                entityType: "Person",
                entityId: `${w}-${i}`,
              });
          })(),
        ),
      );
      writing = false;
      await Promise.all(sealers);
      await sealEverything();
      expect(await db.auditEvent.count()).toBe(400);
      expect(await db.auditSeal.count()).toBe(400);
      const seqs = (await db.auditSeal.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((s) => Number(s.seq));
      expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      expect(await verifyCommand()).toMatchObject({ code: 0, out: expect.stringContaining("(400 entries checked)") });
    },
  );
});

describe("the verify command", () => {
  it("says OK with the number of entries when the chain holds", async () => {
    const events = await someEvents(3);
    const result = await verifyCommand();
    expect(result.code).toBe(0);
    expect(result.out).toContain(`OK`);
    expect(result.out).toContain(`(${events.length} entries checked)`);
  });

  it("says how many entries are waiting for the sealer, and checks their own seals meanwhile", async () => {
    await someEvents(3);
    await someEvents(2, { seal: false });
    const result = await verifyCommand();
    expect(result.code).toBe(0);
    expect(result.out).toContain("(3 entries checked)");
    expect(result.out).toMatch(/2 newer entries are waiting to be sealed/);
  });

  it("cannot check without the chain key, and says so (exit 2)", async () => {
    await someEvents(1);
    const result = await verifyCommand({ AUDIT_CHAIN_KEY: "" });
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/AUDIT_CHAIN_KEY is not set/);
  });

  it(
    "reports an entry changed behind the database's back at exactly that entry, and the admin page agrees",
    { timeout: 60_000 },
    async () => {
      const events = await someEvents(6);
      const victim = events[3]!;
      await tamper((client) => client.query(`UPDATE "AuditEvent" SET "entityId" = 'someone-else' WHERE id = $1`, [victim.id]));

      const result = await verifyCommand();
      expect(result.code).toBe(1);
      expect(result.out).toContain(`BROKEN at audit entry ${victim.id}:`);
      expect(result.out).toMatch(/content does not match its hash/);

      const { actor: admin } = await agency({ role: "ADMIN" });
      expect(await verifyAuditTrail(admin)).toMatchObject({ ok: false, brokenAtId: String(victim.id), checked: 3 });
    },
  );

  it("reports an entry changed before the sealer reached it", { timeout: 60_000 }, async () => {
    await someEvents(2);
    const [, , victim] = await someEvents(2, { seal: false });
    await tamper((client) => client.query(`UPDATE "AuditEvent" SET "entityId" = 'someone-else' WHERE id = $1`, [victim!.id]));
    const result = await verifyCommand();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at audit entry ${victim!.id}:`);
    expect(result.out).toMatch(/does not match its MAC/);
  });

  it("reports a removed entry at the entry that followed it", { timeout: 60_000 }, async () => {
    const events = await someEvents(5);
    await tamper(async (client) => {
      await client.query(`DELETE FROM "AuditSeal" WHERE "entryId" = $1`, [events[2]!.id]);
      await client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [events[2]!.id]);
    });
    const result = await verifyCommand();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at audit entry ${events[3]!.id}:`);
    expect(result.out).toMatch(/link does not match/);
  });
});

describe("an attacker holding the owner role but not the chain key", () => {
  // The attacker's own copy of the published algorithm: before the chain was keyed, an entry's
  // hash was SHA-256 over the previous hash, a newline and the entry as JSON with sorted keys.
  // Given a key, the same with HMAC-SHA256 (what the app does now).
  function body(row: Record<string, unknown>): string {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
            )
          : value;
    return JSON.stringify(
      sorted({
        at: (row.at as Date).toISOString(),
        action: row.action,
        userId: row.userId,
        organisationId: row.organisationId,
        entityType: row.entityType,
        entityId: row.entityId,
        detail: row.detail ?? null,
        ip: row.ip,
      }),
    );
  }
  function forge(prevHash: string, row: Record<string, unknown>, key?: string): string {
    return (key ? createHmac("sha256", key) : createHash("sha256")).update(prevHash).update("\n").update(body(row)).digest("hex");
  }

  /** The insider's attack: lift the triggers, delete one entry and its link, re-hash every later link so the chain holds, put the triggers back. */
  async function deleteAndRehash(victimId: bigint, key?: string) {
    await tamper(async (client) => {
      await client.query(`DELETE FROM "AuditSeal" WHERE "entryId" = $1`, [victimId]);
      await client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [victimId]);
      let prevHash = "0".repeat(64);
      for (const row of await links(client)) {
        if (BigInt(row.id) > victimId) {
          const hash = forge(prevHash, row, key);
          await client.query(`UPDATE "AuditSeal" SET "prevHash" = $2, "hash" = $3 WHERE seq = $1`, [row.seq, prevHash, hash]);
          row.hash = hash;
        }
        prevHash = row.hash;
      }
    });
  }

  /** A trail with an officer's refused look at a MARAC case in the middle of it. */
  async function trailWithARefusedLook() {
    const lead = await agency({ role: "MANAGER" });
    const idva = await colleague(lead.organisation.id, { panels: ["MARAC"] });
    const marac = await makeCase({ leadOrganisationId: lead.organisation.id, createdById: idva.user.id, kind: "MARAC" });
    const outsider = await colleague(lead.organisation.id);
    await auditView(idva.actor, "Case", marac.id);
    await audit({
      action: "UPDATE",
      userId: idva.user.id,
      organisationId: lead.organisation.id,
      entityType: "Case",
      entityId: marac.id,
      detail: { changed: ["title"], by: { panel: "MARAC" } },
    });
    await auditRefusal(outsider.actor, "Case", marac.id);
    await auditView(idva.actor, "Case", marac.id);
    await auditView(lead.actor, "Person", crypto.randomUUID());
    await sealEverything();
    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const refusal = events.find((e) => e.action === "ACCESS_REFUSED" && e.userId === outsider.user.id)!;
    const after = events.filter((e) => e.id > refusal.id);
    return { refusal, firstAfter: after[0]!, entries: events.length, outsider };
  }

  it(
    "deletes a refused look at a MARAC case and re-hashes the rest with the published SHA-256: the verify command reports BROKEN",
    { timeout: 60_000 },
    async () => {
      const { refusal, firstAfter } = await trailWithARefusedLook();
      await deleteAndRehash(refusal.id);
      expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED" } })).toBe(0);

      const result = await verifyCommand();
      expect(result.code).toBe(1);
      expect(result.out).toContain(`BROKEN at audit entry ${firstAfter.id}:`);
      const { actor: admin } = await agency({ role: "ADMIN" });
      expect(await verifyAuditTrail(admin)).toMatchObject({ ok: false, brokenAtId: String(firstAfter.id) });
    },
  );

  it("re-hashing with a guessed key is reported BROKEN just the same", { timeout: 60_000 }, async () => {
    const { refusal, firstAfter } = await trailWithARefusedLook();
    await deleteAndRehash(refusal.id, "a-guessed-key-of-more-than-32-characters");
    const result = await verifyCommand();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at audit entry ${firstAfter.id}:`);
  });

  it(
    "only the key stands in the way: with the real key the same re-hash would pass, so the key must stay out of the database",
    { timeout: 60_000 },
    async () => {
      const { refusal, entries } = await trailWithARefusedLook();
      await deleteAndRehash(refusal.id, process.env.AUDIT_CHAIN_KEY);
      const result = await verifyCommand();
      expect(result.out).toContain(`(${entries - 1} entries checked)`);
      expect(result.code).toBe(0);
    },
  );

  it("an entry slipped in to blame someone else is found, whether the sealer has chained it or not", { timeout: 60_000 }, async () => {
    const { outsider } = await trailWithARefusedLook();
    const forged = await asOwner(async (client) => {
      const { rows } = await client.query(
        `INSERT INTO "AuditEvent" ("action", "userId", "organisationId", "entityType", "entityId", "mac")
         VALUES ('EXPORT', $1, $2, 'IncidentList', NULL, $3) RETURNING id::text AS id`,
        [outsider.user.id, outsider.actor.organisationId, "f".repeat(64)],
      );
      return rows[0]!.id as string;
    });
    const before = await verifyCommand();
    expect(before.code).toBe(1);
    expect(before.out).toContain(`BROKEN at audit entry ${forged}:`);
    expect(before.out).toMatch(/does not match its MAC/);
    // The sealer chains whatever has committed; the MAC still gives the forgery away.
    await sealEverything();
    const after = await verifyCommand();
    expect(after.code).toBe(1);
    expect(after.out).toContain(`BROKEN at audit entry ${forged}:`);
  });

  it("an entry back-dated behind the sealer is found, though it has no link to break", { timeout: 60_000 }, async () => {
    const { outsider } = await trailWithARefusedLook();
    const forged = await asOwner(async (client) => {
      const { rows } = await client.query(
        `INSERT INTO "AuditEvent" ("action", "userId", "organisationId", "entityType", "xact") VALUES ('EXPORT', $1, $2, 'IncidentList', 1) RETURNING id::text AS id`,
        [outsider.user.id, outsider.actor.organisationId],
      );
      return rows[0]!.id as string;
    });
    await sealAuditTrail();
    const result = await verifyCommand();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`BROKEN at audit entry ${forged}:`);
    expect(result.out).toMatch(/added behind the sealer/);
  });
});

describe("a trail written before the chain was keyed", () => {
  /** The trail as a version before AUDIT_CHAIN_KEY left it: every link sealed with plain SHA-256. */
  async function unkeyTheTrail() {
    await tamper(async (client) => {
      let prevHash = GENESIS_HASH;
      for (const row of await links(client)) {
        const hash = unkeyedSeal(prevHash, row);
        await client.query(`UPDATE "AuditSeal" SET "prevHash" = $2, "hash" = $3 WHERE seq = $1`, [row.seq, prevHash, hash]);
        prevHash = hash;
      }
    });
  }

  const linkOf = (entryId: bigint) => db.auditSeal.findUniqueOrThrow({ where: { entryId } });

  it(
    "the verify command reports it BROKEN, pointing at `npm run audit:reseal`, which re-seals it once with the key",
    { timeout: 60_000 },
    async () => {
      const events = await someEvents(4);
      await unkeyTheTrail();
      const before = await verifyCommand();
      expect(before.code).toBe(1);
      expect(before.out).toContain(`BROKEN at audit entry ${events[0]!.id}:`);
      expect(before.out).toMatch(/npm run audit:reseal/);

      const resealed = await tool("reseal-audit.ts");
      expect(resealed.out).toContain("Re-sealed 4 audit entries");
      expect(resealed.code).toBe(0);
      expect(await verifyCommand()).toMatchObject({ code: 0, out: expect.stringContaining("(4 entries checked)") });
      // Once keyed, there is nothing more to do.
      expect((await tool("reseal-audit.ts")).out).toMatch(/already sealed with this key \(4 entries\)/);
    },
  );

  it("is refused when the unkeyed trail is itself broken, and nothing is changed", { timeout: 60_000 }, async () => {
    const events = await someEvents(4);
    await unkeyTheTrail();
    await tamper(async (client) => {
      await client.query(`DELETE FROM "AuditSeal" WHERE "entryId" = $1`, [events[1]!.id]);
      await client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [events[1]!.id]);
    });
    const refused = await tool("reseal-audit.ts");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`Refusing to re-seal: audit entry ${events[2]!.id} does not hold`);
    expect((await linkOf(events[0]!.id)).hash).toBe(unkeyedSeal(GENESIS_HASH, events[0]!));
  });

  it(
    "is refused for a keyed trail with entries re-hashed without the key after it: re-sealing would hide the rewrite",
    { timeout: 60_000 },
    async () => {
      const events = await someEvents(4);
      await tamper(async (client) => {
        // The last two links re-sealed with the published unkeyed hash, as after a deletion.
        let prevHash = (await linkOf(events[1]!.id)).hash;
        for (const row of (await links(client)).slice(2)) {
          const hash = unkeyedSeal(prevHash, row);
          await client.query(`UPDATE "AuditSeal" SET "prevHash" = $2, "hash" = $3 WHERE seq = $1`, [row.seq, prevHash, hash]);
          prevHash = hash;
        }
      });
      const refused = await tool("reseal-audit.ts");
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(
        `Refusing to re-seal: audit entry ${events[2]!.id} does not hold (the 2 entries before it are sealed with the key`,
      );
    },
  );
});

describe("searching the audit trail", () => {
  it("an administrator finds one user's sign-ins, and a case's events by its reference", async () => {
    const { organisation, user, actor } = await agency({ role: "MANAGER" });
    const { actor: admin } = await agency({ role: "ADMIN" });
    const other = await colleague(organisation.id);
    await audit({
      action: "SIGN_IN",
      userId: user.id,
      organisationId: organisation.id,
      entityType: "UserSession",
      entityId: crypto.randomUUID(),
    });
    await audit({
      action: "SIGN_IN",
      userId: other.user.id,
      organisationId: organisation.id,
      entityType: "UserSession",
      entityId: crypto.randomUUID(),
    });
    await audit({ action: "SIGN_IN_FAILURE", entityType: "User", detail: { email: user.email, reason: "wrong password" } });
    const everything = await searchAuditTrail(admin, parseAuditFilters({ user: user.id }).filters);
    expect(everything.rows.map((r) => r.action)).toEqual(["SIGN_IN_FAILURE", "SIGN_IN"]);
    const signIns = await searchAuditTrail(admin, parseAuditFilters({ user: user.id, action: "SIGN_IN" }).filters);
    expect(signIns.rows.map((r) => r.user?.id)).toEqual([user.id]);
    expect(signIns.rows[0]!.organisation?.id).toBe(organisation.id);

    const c = await makeCase({ leadOrganisationId: organisation.id, createdById: user.id });
    await auditView(actor, "Case", c.id);
    const byReference = await searchAuditTrail(admin, parseAuditFilters({ type: "Case", record: c.reference }).filters);
    expect(byReference.rows.map((r) => r.entityId)).toEqual([c.id]);
    expect((await searchAuditTrail(admin, parseAuditFilters({ type: "Case", record: "CASE-0000-NOPE" }).filters)).unknownRecord).toBe(true);
  });

  it("pages newest first with a keyset cursor, without repeating or skipping an event", async () => {
    await someEvents(7);
    const { actor: admin } = await agency({ role: "ADMIN" });
    const seen: bigint[] = [];
    let page = await searchAuditTrail(admin, {}, undefined, 3);
    seen.push(...page.rows.map((r) => r.id));
    while (page.next) {
      page = await searchAuditTrail(admin, {}, page.next, 3);
      seen.push(...page.rows.map((r) => r.id));
    }
    const all = await db.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("only administrators may search or export it: a manager, chair, officer or viewer is answered 'not found'", async () => {
    for (const role of ["MANAGER", "CHAIR", "OFFICER", "VIEWER"] as const) {
      const { actor } = await agency({ role });
      await expect(searchAuditTrail(actor, {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(exportAuditTrail(actor, {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(verifyAuditTrail(actor)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("the export is CSV with formula-safe cells, and is itself audited as an export", async () => {
    const { organisation, user } = await agency();
    await audit({
      action: "UPDATE",
      userId: user.id,
      organisationId: organisation.id,
      entityType: "Person",
      entityId: "x",
      detail: { note: "=HYPERLINK(1)" },
    });
    await db.user.update({ where: { id: user.id }, data: { name: "=cmd|' /C calc'!A0" } });
    const { actor: admin } = await agency({ role: "ADMIN" });
    const bytes = await new Response(await exportAuditTrail(admin, parseAuditFilters({ user: user.id }).filters)).arrayBuffer();
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("\uFEFFEvent id,When (UTC),Action,User,User email,Organisation,Record type,Record id,Detail,IP address");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'=cmd|' /C calc'!A0`);
    expect(await db.auditEvent.count({ where: { action: "EXPORT", userId: admin.userId, entityType: "AuditTrail" } })).toBe(1);
  });
});

describe("who has seen this case or person", () => {
  async function scene() {
    const lead = await agency({ role: "MANAGER" });
    const partner = await agency({ role: "MANAGER" });
    const leadOfficer = await colleague(lead.organisation.id);
    const person = await makePerson({ createdByOrgId: lead.organisation.id, firstName: "Ada", lastName: "Witness" });
    const c = await makeCase({
      leadOrganisationId: lead.organisation.id,
      createdById: leadOfficer.user.id,
      people: [[person.id, "VICTIM"]],
      sharedWith: [partner.organisation.id],
    });
    await auditView(leadOfficer.actor, "Case", c.id);
    await auditView(partner.actor, "Case", c.id);
    await auditView(partner.actor, "Person", person.id);
    return { lead, partner, leadOfficer, person, c };
  }

  it("the lead organisation's manager sees every view of the case and of a person in it, with user and organisation", async () => {
    const { lead, partner, leadOfficer, person, c } = await scene();
    const seen = await whoHasSeen(lead.actor, "case", c.id);
    expect(seen.record.label).toBe(c.reference);
    expect(seen.page.rows.map((r) => [r.user?.id, r.organisation?.id]).sort()).toEqual(
      [
        [leadOfficer.user.id, lead.organisation.id],
        [partner.user.id, partner.organisation.id],
      ].sort(),
    );
    expect((await whoHasSeen(lead.actor, "person", person.id)).page.rows.map((r) => r.user?.id)).toEqual([partner.user.id]);
  });

  it("a partner organisation's manager, an officer of the lead organisation and a guessed id are answered 'not found', and audited", async () => {
    const { partner, leadOfficer, c } = await scene();
    await expect(whoHasSeen(partner.actor, "case", c.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(whoHasSeen(leadOfficer.actor, "case", c.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(whoHasSeen(partner.actor, "case", crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    expect(await maySeeWhoHasSeen(partner.actor, "case", c.id)).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: partner.user.id, entityId: c.id } })).toBe(1);
  });

  it("a manager of the lead organisation outside the MARAC panel cannot learn who saw a restricted MARAC case", async () => {
    const lead = await agency({ role: "MANAGER" });
    const idva = await colleague(lead.organisation.id, { panels: ["MARAC"] });
    const marac = await makeCase({ leadOrganisationId: lead.organisation.id, createdById: idva.user.id, kind: "MARAC" });
    await expect(whoHasSeen(lead.actor, "case", marac.id)).rejects.toBeInstanceOf(NotFoundError);
    const panelManager = await colleague(lead.organisation.id, { role: "MANAGER", panels: ["MARAC"] });
    expect(await maySeeWhoHasSeen(panelManager.actor, "case", marac.id)).toBe(true);
  });

  it("an administrator sees who has seen any case without seeing the case itself", async () => {
    const { c, partner } = await scene();
    const { actor: admin } = await agency({ role: "ADMIN" });
    const seen = await whoHasSeen(admin, "case", c.id);
    expect(seen.page.rows.map((r) => r.user?.id)).toContain(partner.user.id);
    expect(Object.keys(seen.record).sort()).toEqual(["id", "label", "type"]);
  });
});
