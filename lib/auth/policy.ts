// Session and sign-in policy in one place (OWASP ASVS 5.0 V6/V7).

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** The timeout warning (components/layout/session-timeout.tsx) appears this long before the idle limit. */
export const SESSION_TIMEOUT_WARNING_MS = 5 * 60 * 1000;
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so a busy user does not cost a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

// Sign-in throttling (lib/auth/README.md and lib/SECURITY.md): it slows an attacker and never locks the real user
// out. Failures are counted per account *and* client address together, so guesses from one
// address do nothing to the same account signing in from another; and per address across all
// accounts, so one address cannot spray guesses over many accounts.

/** Failures of one account from one address that cost nothing; after these, each waits longer. */
export const PAIR_FREE_FAILURES = 4;
/** The first wait, doubled with every further failure up to PAIR_MAX_DELAY_MS. */
export const PAIR_FIRST_DELAY_MS = 15 * 1000;
export const PAIR_MAX_DELAY_MS = 15 * 60 * 1000;
/** A pair's count starts again after this long without a failure. */
export const PAIR_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Failures from one address across all accounts that block it: high, since a station shares one. */
export const ADDRESS_FAILURE_LIMIT = 100;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
export const ADDRESS_BLOCK_MS = 15 * 60 * 1000;

/** How long one account must wait at one address after `failures` failures in a row. */
export function pairDelayMs(failures: number): number {
  if (failures <= PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_MS, PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES - 1));
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** One-time set-password links: an invitation lasts three days, a reset one day. */
export const INVITE_LINK_LIFETIME_MS = 72 * 60 * 60 * 1000;
export const RESET_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The Setting row that makes two-factor sign-in compulsory for every user. */
export const MFA_REQUIRED_FOR_ALL_SETTING = "mfa.requiredForAll";
