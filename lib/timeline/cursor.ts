// Keyset pagination of a case timeline: a page starts after (or ends before) one entry, named by
// its (occurredAt, id), the order of the index ("caseId", "occurredAt" DESC, id DESC). Unlike an
// offset, a cursor costs the same on page 1 and page 100, and entries added meanwhile do not shift
// the pages. Pure: pages parse the URL with it.

export type TimelineCursor = { at: Date; id: bigint };

/** "1743861000000.1234": milliseconds since 1970 (occurredAt is stored to the millisecond) and the id. */
export function encodeCursor(cursor: TimelineCursor): string {
  return `${cursor.at.getTime()}.${cursor.id.toString()}`;
}

export function parseCursor(text: string | undefined | null): TimelineCursor | undefined {
  const match = text ? /^(\d{1,15})\.(\d{1,18})$/.exec(text) : null;
  if (!match) return undefined;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: BigInt(match[2]!) };
}
