// Expected errors, each shown to users in plain words. Anything else is unexpected: it is logged
// with a reference and the user sees a generic message (see app/(app)/error.tsx).

export type FieldErrors = Record<string, string[] | undefined>;

/** The record does not exist, or the actor may not know that it does (the two look the same). */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`No such ${what}`);
    this.name = "NotFoundError";
  }
}

/** The actor may not do this (an action on a record they can see). */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class ValidationError extends Error {
  constructor(
    public readonly fieldErrors: FieldErrors,
    message = "There is a problem with what you entered",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** Someone else saved the record first (optimistic locking), or a unique rule was broken. */
export class ConflictError extends Error {
  constructor(message = "Someone else changed this record while you were editing it") {
    super(message);
    this.name = "ConflictError";
  }
}

/** A request no page of the service sends, or one that makes no sense (a route handler answers 400). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** Too much is running at once: the caller is told to try again after `retryAfterSeconds`, not made to wait. */
export class BusyError extends Error {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "BusyError";
  }
}

/** An API change without If-Match (428), or with a version that is no longer the record's (412). */
export class PreconditionError extends Error {
  constructor(
    public readonly status: 412 | 428,
    message: string,
  ) {
    super(message);
    this.name = "PreconditionError";
  }
}

export function isExpectedError(
  error: unknown,
): error is NotFoundError | ForbiddenError | ValidationError | ConflictError | BadRequestError | BusyError {
  return (
    error instanceof NotFoundError ||
    error instanceof ForbiddenError ||
    error instanceof ValidationError ||
    error instanceof ConflictError ||
    error instanceof BadRequestError ||
    error instanceof BusyError
  );
}
