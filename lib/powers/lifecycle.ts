import type { PowerStatus } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format/dates";

// The life of a power used, as pure rules shared by the data layer, the forms and the tests.
//
// Transitions (a breach is recorded with recordBreach, never chosen as a status):
//   ISSUED, VARIED → COMPLIED, BREACHED, APPEALED (appealable kinds only), VARIED, DISCHARGED, EXPIRED, WITHDRAWN
//   BREACHED       → COMPLIED, BREACHED (a further breach), VARIED, DISCHARGED, EXPIRED, WITHDRAWN
//   APPEALED       → ISSUED (appeal dismissed), VARIED (varied on appeal), DISCHARGED (appeal allowed), WITHDRAWN
//   COMPLIED, DISCHARGED, EXPIRED, WITHDRAWN are final: a new power is recorded if more is needed.
//
// In force: from the day it was issued until the start of its expiry date, or until it was marked
// complied with, discharged, expired or withdrawn, whichever is first.

export const POWER_STATUS_LABELS: Record<PowerStatus, string> = {
  ISSUED: "Issued",
  COMPLIED: "Complied with",
  BREACHED: "Breached",
  APPEALED: "Under appeal",
  VARIED: "Varied",
  DISCHARGED: "Discharged",
  EXPIRED: "Expired",
  WITHDRAWN: "Withdrawn",
};

export const FINAL_STATUSES: readonly PowerStatus[] = ["COMPLIED", "DISCHARGED", "EXPIRED", "WITHDRAWN"];

/** Statuses the expiry job moves to EXPIRED once the expiry date has come. */
export const EXPIRING_STATUSES = ["ISSUED", "VARIED", "BREACHED"] as const satisfies readonly PowerStatus[];

const LIVE: PowerStatus[] = ["COMPLIED", "BREACHED", "APPEALED", "VARIED", "DISCHARGED", "EXPIRED", "WITHDRAWN"];

const TRANSITIONS: Record<PowerStatus, readonly PowerStatus[]> = {
  ISSUED: LIVE,
  VARIED: LIVE,
  BREACHED: ["COMPLIED", "BREACHED", "VARIED", "DISCHARGED", "EXPIRED", "WITHDRAWN"],
  APPEALED: ["ISSUED", "VARIED", "DISCHARGED", "WITHDRAWN"],
  COMPLIED: [],
  DISCHARGED: [],
  EXPIRED: [],
  WITHDRAWN: [],
};

export type KindRules = { appealable: boolean };

/** The statuses a power can move to from `from`; BREACHED only by recording a breach. */
export function allowedTransitions(from: PowerStatus, kind: KindRules): PowerStatus[] {
  return TRANSITIONS[from].filter((to) => to !== "APPEALED" || kind.appealable);
}

export type TransitionCheck = { ok: true } | { ok: false; message: string };

export function checkTransition(from: PowerStatus, to: PowerStatus, kind: KindRules): TransitionCheck {
  if (FINAL_STATUSES.includes(from)) {
    return {
      ok: false,
      message: `This power is ${POWER_STATUS_LABELS[from].toLowerCase()}, so its status cannot change. Record a new power if more is needed.`,
    };
  }
  if (to === "APPEALED" && !kind.appealable) return { ok: false, message: "This kind of power cannot be appealed" };
  if (from === to && to !== "VARIED" && to !== "BREACHED")
    return { ok: false, message: `The power is already ${POWER_STATUS_LABELS[from].toLowerCase()}. Select a different status.` };
  if (!allowedTransitions(from, kind).includes(to)) {
    return {
      ok: false,
      message: `A power that is ${POWER_STATUS_LABELS[from].toLowerCase()} cannot be marked as ${POWER_STATUS_LABELS[to].toLowerCase()}`,
    };
  }
  return { ok: true };
}

/** What the status change form offers (a breach has its own form). */
export function statusChoices(from: PowerStatus, kind: KindRules): PowerStatus[] {
  return allowedTransitions(from, kind).filter((to) => to !== "BREACHED");
}

/** A status as users should see it: a power past its expiry date is expired even before the job has run. */
export function effectiveStatus(power: { status: PowerStatus; expiresAt: Date | null }, now: Date): PowerStatus {
  const expiring = (EXPIRING_STATUSES as readonly PowerStatus[]).includes(power.status);
  return expiring && power.expiresAt && power.expiresAt.getTime() <= now.getTime() ? "EXPIRED" : power.status;
}

const ENDING: readonly PowerStatus[] = FINAL_STATUSES;
const ENDED_WORDS: Record<string, string> = {
  COMPLIED: "it was marked as complied with on",
  DISCHARGED: "it was discharged on",
  EXPIRED: "it expired on",
  WITHDRAWN: "it was withdrawn on",
};

export type PowerForInForce = { issuedAt: Date; expiresAt: Date | null; history: readonly { toStatus: PowerStatus; changedAt: Date }[] };

/**
 * Whether the power was in force at `at` (the start of the breach day): issued on or before it, and
 * not yet ended by its expiry date or by a change to a final status.
 */
export function inForceOn(power: PowerForInForce, at: Date): TransitionCheck {
  if (at.getTime() < startOfDay(power.issuedAt)) {
    return { ok: false, message: `The power was not in force on that date: it was issued on ${formatDate(power.issuedAt)}` };
  }
  const ends: { at: Date; words: string }[] = [];
  if (power.expiresAt) ends.push({ at: power.expiresAt, words: ENDED_WORDS.EXPIRED! });
  for (const change of power.history)
    if (ENDING.includes(change.toStatus)) ends.push({ at: change.changedAt, words: ENDED_WORDS[change.toStatus]! });
  const ended = ends.filter((e) => e.at.getTime() <= at.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (ended) return { ok: false, message: `The power was not in force on that date: ${ended.words} ${formatDate(ended.at)}` };
  return { ok: true };
}

// issuedAt is stored as the London midnight of the day issued; a breach that day counts.
const startOfDay = (d: Date) => d.getTime();

// ───────────────────────────── Changes recorded afterwards (lib/history) ─────────────────────────────
// A status change can carry the day it really happened. It is never dated before the power was
// issued, nor before the last change someone recorded, so the history reads in the order things
// happened. An expiry the service marked by itself from the expiry date is an inference, not a
// record: a change dated before the expiry date comes first, and sets that inference aside.

export type StatusHistoryRow = {
  id: string;
  fromStatus: PowerStatus | null;
  toStatus: PowerStatus;
  changedAt: Date;
  /** Null for a change the service made itself (an automatic expiry). */
  changedById: string | null;
};

export type PowerForHistory = { status: PowerStatus; issuedAt: Date; expiresAt: Date | null; history: readonly StatusHistoryRow[] };

/** The expiry the service marked from the expiry date, when it is the power's last change. */
export function automaticExpiry(power: PowerForHistory): StatusHistoryRow | null {
  const last = power.history.at(-1);
  return last && power.status === "EXPIRED" && last.toStatus === "EXPIRED" && last.changedById === null ? last : null;
}

/** The status the power had before its expiry date passed, when that (and nothing recorded) is what ended it. */
function statusBeforeExpiry(power: PowerForHistory): PowerStatus | null {
  if (!power.expiresAt) return null;
  if ((EXPIRING_STATUSES as readonly PowerStatus[]).includes(power.status)) return power.status;
  return automaticExpiry(power)?.fromStatus ?? null;
}

/** The last change someone recorded: not the power's first status (its issue) nor an automatic expiry. */
function lastRecordedChange(power: PowerForHistory): StatusHistoryRow | null {
  return power.history.filter((c) => c.fromStatus !== null && c.changedById !== null).at(-1) ?? null;
}

/** What a status change recorded afterwards cannot precede: the power's issue, or its last recorded change. */
export function changeNotBefore(power: PowerForHistory): { at: Date; what: string } {
  const last = lastRecordedChange(power);
  if (last && last.changedAt > power.issuedAt) {
    return { at: last.changedAt, what: `its status last changed (to ${POWER_STATUS_LABELS[last.toStatus].toLowerCase()})` };
  }
  return { at: power.issuedAt, what: "the power was issued" };
}

export type StatusAt = {
  /** The status the power had then. */
  from: PowerStatus;
  /** The service's own expiry a change dated before the expiry date sets aside (it did not happen first). */
  setsAside: StatusHistoryRow | null;
  /** Expired then by its expiry date alone: a change must be dated before it. */
  expiredByDate: boolean;
};

/** The power's status at `at`, the moment a change is recorded as happening. */
export function statusAt(power: PowerForHistory, at: Date): StatusAt {
  const before = statusBeforeExpiry(power);
  if (before && power.expiresAt) {
    const expired = power.expiresAt.getTime() <= at.getTime();
    return { from: expired ? "EXPIRED" : before, setsAside: expired ? null : automaticExpiry(power), expiredByDate: expired };
  }
  return { from: power.status, setsAside: null, expiredByDate: false };
}

/**
 * What the status form offers now: the next statuses; for a power ended by its expiry date alone,
 * those it could have moved to before then (a change recorded afterwards, dated before expiry).
 */
export function choicesNow(power: PowerForHistory & { kind: KindRules }, now: Date): { choices: PowerStatus[]; expiredOn: Date | null } {
  const at = statusAt(power, now);
  if (!at.expiredByDate) return { choices: statusChoices(at.from, power.kind), expiredOn: null };
  const before = statusBeforeExpiry(power)!;
  return { choices: statusChoices(before, power.kind).filter((s) => s !== "EXPIRED"), expiredOn: power.expiresAt };
}
