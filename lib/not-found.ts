import { NotFoundError } from "@/lib/errors";

// next/navigation is loaded only when a page answers 404: the data layer imports isUuid from here,
// and the job worker (lib/jobs), which runs the data layer outside Next, cannot load next/navigation.

/** For pages: a record the data layer will not give the actor answers 404, like a missing one. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) (await import("next/navigation")).notFound();
    throw error;
  }
}

/** UUIDs only: anything else in an id segment is a missing record, never a database error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
