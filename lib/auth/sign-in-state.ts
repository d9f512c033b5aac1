// What the sign-in form shows after a try: shared by the server action and the form.

export type SignInProblem = "incorrect" | "locked" | "unavailable" | "code" | "expired";

export type SignInState = {
  step: "password" | "code";
  problem?: SignInProblem;
  /** Whole minutes until a throttled attempt may be tried again (at least 1). */
  retryMinutes?: number;
  fieldErrors?: { email?: string; password?: string; code?: string };
  /** The email address as typed, kept after a failure (a password never is). */
  email?: string;
  /** The code step's ticket (lib/auth/second-step.ts), sent back with the code. */
  ticket?: string;
};
