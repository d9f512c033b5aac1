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
  searchAuditTrail,
  verifyAuditTrail,
  whoHasSeen,
} from "@/lib/audit/data";
import { GENESIS_HASH, unkeyedSeal } from "@/lib/audit/chain";
import { parseAuditFilters } from "@/lib/audit/filters";
import { NotFoundError } from "@/lib/errors";
import { asAppRole, asOwner, sqlState } from "@/tests/support/database-roles";
import { agency, colleague, makePerson } from "@/tests/support/people-fixtures";
import { makeCase } from "@/tests/support/people-fixtures";

// The audit trail from the attacker's side. The app's own database role may only read and append
// to it: changing, removing or emptying it, or lifting its triggers, is refused with "permission
// denied". The owner role is refused plain changes by the append-only triggers, and an entry it
// changes or removes behind their back, even with every later entry re-hashed by the published
// algorithm, is found by the verify command, because the chain is keyed with AUDIT_CHAIN_KEY,
// which is not in the database. Only administrators search it, and only the lead organisation's
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

/** As the owner role, with the append-only trigger lifted for one transaction. */
async function tamper(work: (client: pg.Client) => Promise<unknown>) {
  await asOwner(async (client) => {
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await work(client);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    await client.query("COMMIT");
  });
}

// Every test starts from an empty trail (cleared as the owner, the trigger lifted), so that one
// test's tampering is not the first break the next test's check finds.
beforeEach(() => tamper((client) => client.query(`DELETE FROM "AuditEvent"`)));

async function someEvents(n: number) {
  const { organisation, user } = await agency();
  for (let i = 0; i < n; i++)
    await audit({ action: "VIEW", userId: user.id, organisationId: organisation.id, entityType: "Person", entityId: crypto.randomUUID() });
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

describe("the app's own database role cannot rewrite the audit trail", () => {
  it("is refused UPDATE, DELETE and TRUNCATE on it, and lifting or dropping its triggers, with permission denied", async () => {
    const [first] = await someEvents(2);
    const refusals = await asAppRole(async (client) => ({
      update: await sqlState(client, `UPDATE "AuditEvent" SET "ip" = '10.0.0.1' WHERE id = ${first!.id}`),
      delete: await sqlState(client, `DELETE FROM "AuditEvent" WHERE id = ${first!.id}`),
      truncate: await sqlState(client, `TRUNCATE "AuditEvent"`),
      disableTrigger: await sqlState(client, `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
      disableAllTriggers: await sqlState(client, `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`),
      dropTrigger: await sqlState(client, `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`),
    }));
    expect(refusals).toEqual({
      update: "42501",
      delete: "42501",
      truncate: "42501",
      disableTrigger: "42501",
      disableAllTriggers: "42501",
      dropTrigger: "42501",
    });
    expect(await db.auditEvent.findUnique({ where: { id: first!.id } })).toMatchObject({ ip: first!.ip });
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("the owner role, too, is refused a plain UPDATE, DELETE and TRUNCATE by the append-only triggers", async () => {
    const [first] = await someEvents(2);
    await asOwner(async (client) => {
      await expect(client.query(`UPDATE "AuditEvent" SET "ip" = '10.0.0.1' WHERE id = ${first!.id}`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE id = ${first!.id}`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
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

describe("the verify command", () => {
  it("says OK with the number of entries when the chain holds", async () => {
    const events = await someEvents(3);
    const result = await verifyCommand();
    expect(result.code).toBe(0);
    expect(result.out).toContain(`OK`);
    expect(result.out).toContain(`(${events.length} entries checked)`);
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

  it("reports a removed entry at the entry that followed it", { timeout: 60_000 }, async () => {
    const events = await someEvents(5);
    await tamper((client) => client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [events[2]!.id]));
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
  function forge(prevHash: string, row: Record<string, unknown>, key?: string): string {
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
    const body = JSON.stringify(
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
    return (key ? createHmac("sha256", key) : createHash("sha256")).update(prevHash).update("\n").update(body).digest("hex");
  }

  /** The insider's attack: lift the trigger, delete one entry, re-hash every later one so the links hold, put the trigger back. */
  async function deleteAndRehash(victimId: bigint, key?: string) {
    await tamper(async (client) => {
      await client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [victimId]);
      const { rows } = await client.query(
        `SELECT id::text AS id, "at", "action"::text AS "action", "userId"::text AS "userId", "organisationId"::text AS "organisationId", "entityType", "entityId", "detail", "ip", "hash" FROM "AuditEvent" ORDER BY id`,
      );
      let prevHash = "0".repeat(64);
      for (const row of rows) {
        if (BigInt(row.id) > victimId) {
          const hash = forge(prevHash, row, key);
          await client.query(`UPDATE "AuditEvent" SET "prevHash" = $2, "hash" = $3 WHERE id = $1`, [row.id, prevHash, hash]);
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
    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const refusal = events.find((e) => e.action === "ACCESS_REFUSED" && e.userId === outsider.user.id)!;
    const after = events.filter((e) => e.id > refusal.id);
    return { refusal, firstAfter: after[0]!, entries: events.length };
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
});

describe("a trail written before the chain was keyed", () => {
  /** The trail as a version before AUDIT_CHAIN_KEY left it: every entry sealed with plain SHA-256. */
  async function unkeyTheTrail() {
    await tamper(async (client) => {
      const { rows } = await client.query(
        `SELECT id::text AS id, "at", "action"::text AS "action", "userId"::text AS "userId", "organisationId"::text AS "organisationId", "entityType", "entityId", "detail", "ip" FROM "AuditEvent" ORDER BY id`,
      );
      let prevHash = GENESIS_HASH;
      for (const row of rows) {
        const hash = unkeyedSeal(prevHash, row);
        await client.query(`UPDATE "AuditEvent" SET "prevHash" = $2, "hash" = $3 WHERE id = $1`, [row.id, prevHash, hash]);
        prevHash = hash;
      }
    });
  }

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
    await tamper((client) => client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [events[1]!.id]));
    const refused = await tool("reseal-audit.ts");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`Refusing to re-seal: audit entry ${events[2]!.id} does not hold`);
    expect((await db.auditEvent.findFirstOrThrow({ where: { id: events[0]!.id } })).hash).toBe(unkeyedSeal(GENESIS_HASH, events[0]!));
  });

  it(
    "is refused for a keyed trail with entries re-hashed without the key after it: re-sealing would hide the rewrite",
    { timeout: 60_000 },
    async () => {
      const events = await someEvents(4);
      await tamper(async (client) => {
        // The last two entries re-sealed with the published unkeyed hash, as after a deletion.
        let prevHash = events[1]!.hash;
        for (const row of events.slice(2)) {
          const hash = unkeyedSeal(prevHash, row);
          await client.query(`UPDATE "AuditEvent" SET "prevHash" = $2, "hash" = $3 WHERE id = $1`, [row.id, prevHash, hash]);
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
