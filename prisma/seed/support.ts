import { createHash } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";

// Shared helpers of the demo seed: stable ids, a clock anchored on one London day, reference
// numbering and the map from seed keys ("person:ME") to database ids.

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// ───────────────────────────── Stable ids ─────────────────────────────

// Fixed timestamp for the uuid v7 layout: seeded ids are stable across runs (so every row can be
// upserted by id) and still look like the uuid v7 ids the app generates.
const SEED_ID_EPOCH_MS = Date.UTC(2025, 0, 1);

/** A deterministic uuid (v7 layout, hash-derived random bits) for a seed key such as "case:C1". */
export function seedId(key: string): string {
  const hash = createHash("sha256").update(`safer-partnerships-demo:${key}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(SEED_ID_EPOCH_MS, 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ───────────────────────────── Time ─────────────────────────────

/** [days from the anchor day (negative = past), London wall-clock time "HH:MM"]. */
export type When = readonly [days: number, time: string];

const LONDON = "Europe/London";
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function partsOf(date: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of londonParts.formatToParts(date)) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return out;
}

/** Milliseconds London is ahead of UTC at that instant (0 in winter, one hour in summer). */
function londonOffsetMs(instantMs: number): number {
  const p = partsOf(new Date(instantMs));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

export function londonYear(date: Date): number {
  return partsOf(date).year!;
}

/** The London calendar day of an instant, as a `@db.Date` value. */
export function londonDay(date: Date): Date {
  const p = partsOf(date);
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day!));
}

export function todayInLondon(now: Date = new Date()): string {
  const p = partsOf(now);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Every date of the demo is relative to one calendar day in London (the anchor). The anchor is
 * stored in the `demoSeed` setting on the first run, so a re-run rebuilds exactly the same data.
 */
export class DemoClock {
  readonly anchorDate: string;
  private readonly y: number;
  private readonly m: number;
  private readonly d: number;

  constructor(anchorDate: string) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(anchorDate);
    if (!match) throw new Error(`The demo anchor date must be YYYY-MM-DD, not "${anchorDate}".`);
    this.anchorDate = anchorDate;
    this.y = Number(match[1]);
    this.m = Number(match[2]);
    this.d = Number(match[3]);
  }

  /** The instant of a London wall-clock time, `days` days from the anchor day. */
  at(days: number, time = "09:00"): Date {
    const [hh, mm] = time.split(":").map(Number);
    const wall = Date.UTC(this.y, this.m - 1, this.d + days, hh ?? 0, mm ?? 0);
    let instant = wall - londonOffsetMs(wall);
    // Near a clock change the offset at the guess can differ from the offset at the answer.
    const check = londonOffsetMs(instant);
    if (check !== wall - instant) instant = wall - check;
    return new Date(instant);
  }

  when([days, time]: When): Date {
    return this.at(days, time);
  }

  /** A calendar day (for `@db.Date` columns), `days` days from the anchor day. */
  day(days: number): Date {
    return new Date(Date.UTC(this.y, this.m - 1, this.d + days));
  }

  /** A date of birth for someone who is `years` old on the anchor day (and `days` past that birthday). */
  birth(years: number, days: number): Date {
    return new Date(Date.UTC(this.y - years, this.m - 1, this.d - days));
  }
}

// ───────────────────────────── References ─────────────────────────────

export type CounterRow = { prefix: string; year: number; last: number };

/**
 * Numbers records as the app does (PREFIX-YYYY-000123, one gap-free sequence per prefix and
 * year, in the order the records were made) and reports the last number used per year.
 */
export function numberReferences(
  prefix: string,
  items: { key: string; at: Date }[],
): { refs: Map<string, string>; counters: CounterRow[] } {
  const sorted = [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
  const refs = new Map<string, string>();
  const last = new Map<number, number>();
  for (const item of sorted) {
    const year = londonYear(item.at);
    const n = (last.get(year) ?? 0) + 1;
    last.set(year, n);
    refs.set(item.key, `${prefix}-${year}-${String(n).padStart(6, "0")}`);
  }
  return { refs, counters: [...last].map(([year, n]) => ({ prefix, year, last: n })) };
}

// ───────────────────────────── Seed context ─────────────────────────────

export type SeededUser = { id: string; organisationId: string; name: string; orgShortName: string };

/** What each step of the seed hands to the next: database ids by seed key, and counters. */
export class SeedContext {
  private readonly ids = new Map<string, string>();
  readonly users = new Map<string, SeededUser>();
  readonly references = new Map<string, string>();
  readonly counters: CounterRow[] = [];

  constructor(
    readonly tx: Tx,
    readonly clock: DemoClock,
  ) {}

  remember(key: string, id: string): string {
    this.ids.set(key, id);
    return id;
  }

  id(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`Seed data refers to "${key}", which has not been seeded (check the key).`);
    return id;
  }

  optionalId(key: string | undefined): string | null {
    return key === undefined ? null : this.id(key);
  }

  user(key: string): SeededUser {
    const user = this.users.get(key);
    if (!user) throw new Error(`Seed data refers to user "${key}", which has not been seeded (check the key).`);
    return user;
  }

  reference(key: string): string {
    const ref = this.references.get(key);
    if (!ref) throw new Error(`No reference was numbered for "${key}".`);
    return ref;
  }

  addReferences(numbered: { refs: Map<string, string>; counters: CounterRow[] }): void {
    for (const [key, ref] of numbered.refs) this.references.set(key, ref);
    this.counters.push(...numbered.counters);
  }
}

/** The app's own rule for the trigram-indexed `searchText` columns, so seeded rows are found alike. */
export { searchText } from "../../lib/search-text";
