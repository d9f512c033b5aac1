import { randomBytes } from "node:crypto";

// UUID version 7 (RFC 9562): the millisecond time first, then random bits, as Prisma's
// @default(uuid(7)) makes them, for rows the service inserts in bulk with ids it must know first
// (a bulk import links the people and places it makes to the incidents in the same insert).

export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  let time = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
