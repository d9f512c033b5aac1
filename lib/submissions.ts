import "server-only";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/unique-violation";
import { ConflictError } from "@/lib/errors";

// Create-forms carry a key generated when the form is rendered. The key is claimed in the same
// transaction that creates the record, first, so a second submission of the same form (double
// click, refresh, a retry after a dropped connection) waits for the first and then gets the
// record it made instead of making another.

export type Created = { id: string; duplicate: boolean };

export type CreateOnceOptions = {
  timeout?: number;
  /**
   * Runs the work in a transaction of the caller's making (default: a plain one), e.g. lib/cases
   * changeCase, which loads and checks the case first: the key is then claimed in that transaction.
   */
  transaction?: (work: (tx: Tx) => Promise<string>) => Promise<string>;
};

export async function createOnce(
  key: string,
  userId: string,
  entityType: string,
  create: (tx: Tx) => Promise<string>,
  options: CreateOnceOptions = {},
): Promise<Created> {
  const earlier = await findSubmission(key, userId, entityType);
  if (earlier) return earlier;
  const work = async (tx: Tx) => {
    await tx.formSubmission.create({ data: { key, userId, entityType, entityId: "" } });
    const created = await create(tx);
    await tx.formSubmission.update({ where: { key }, data: { entityId: created } });
    return created;
  };
  try {
    const id = await (options.transaction ? options.transaction(work) : db.$transaction(work, { timeout: options.timeout ?? 10_000 }));
    return { id, duplicate: false };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await findSubmission(key, userId, entityType);
      if (winner) return winner;
    }
    throw error;
  }
}

async function findSubmission(key: string, userId: string, entityType: string): Promise<Created | null> {
  const row = await db.formSubmission.findUnique({ where: { key } });
  if (!row) return null;
  // A key is only ever reused by the form that made it; anything else is a forged or stale post.
  if (row.userId !== userId || row.entityType !== entityType || !row.entityId)
    throw new ConflictError("This form has already been used. Start again.");
  return { id: row.entityId, duplicate: true };
}

/** Whether a form's key has already made its record (a re-post of a form that succeeded). */
export async function isSubmissionUsed(key: string): Promise<boolean> {
  return (await db.formSubmission.count({ where: { key } })) > 0;
}
