// Session and sign-in policy in one place (OWASP ASVS 5.0 V6/V7).

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so a busy user does not cost a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;
/** Failures that lock an account (by e-mail as typed, so unknown addresses lock the same way). */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** Failures that lock a client address: higher, since an office or a police station shares one. */
export const IP_FAILURE_LIMIT = 100;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** One-time set-password links: an invitation lasts three days, a reset one day. */
export const INVITE_LINK_LIFETIME_MS = 72 * 60 * 60 * 1000;
export const RESET_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The Setting row that makes two-factor sign-in compulsory for every user. */
export const MFA_REQUIRED_FOR_ALL_SETTING = "mfa.requiredForAll";
