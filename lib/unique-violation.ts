import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Whether `error` is PostgreSQL refusing a duplicate on a unique index (Prisma's P2002), and, when
 * `field` is given, on an index over that column. The one place the code is read: a race two
 * requests run at once ends here, and each caller turns it into what the form shows.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // A raw statement (lib/bulk-insert) reports PostgreSQL's own code, 23505, inside P2010.
  const raw = error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes("23505");
  if (error.code !== "P2002" && !raw) return false;
  // With driver adapters the violated fields sit in `meta` in more than one shape.
  return field === undefined || JSON.stringify(error.meta ?? {}).includes(field);
}
