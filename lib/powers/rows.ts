import type { Prisma } from "@/lib/generated/prisma/client";
import type { PowerStatus } from "@/lib/generated/prisma/enums";
import { effectiveStatus } from "./lifecycle";

// A power used as one row of a list: the register's and a PSPO's list of the fixed penalty
// notices issued under it show the same columns, read with the same select and put into words
// the same way (the subject's name, the status as of now).

export type PowerListRow = {
  id: string;
  reference: string;
  kind: { name: string };
  subject: string;
  issuingOrganisation: { shortName: string };
  issuedAt: Date;
  expiresAt: Date | null;
  status: PowerStatus;
};

export const POWER_ROW_SELECT = {
  id: true,
  reference: true,
  issuedAt: true,
  expiresAt: true,
  status: true,
  subjectBusinessName: true,
  kind: { select: { name: true } },
  subjectPerson: { select: { firstName: true, lastName: true } },
  issuingOrganisation: { select: { shortName: true } },
} satisfies Prisma.PowerUseSelect;

type PowerRowRecord = Prisma.PowerUseGetPayload<{ select: typeof POWER_ROW_SELECT }>;

export const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

/** Who the power was issued to, in words: the person, or the business. */
export const subjectOf = (p: Pick<PowerRowRecord, "subjectPerson" | "subjectBusinessName">) =>
  p.subjectPerson ? personName(p.subjectPerson) : (p.subjectBusinessName ?? "Not recorded");

export function powerListRow(r: PowerRowRecord, now: Date): PowerListRow {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    subject: subjectOf(r),
    issuingOrganisation: r.issuingOrganisation,
    issuedAt: r.issuedAt,
    expiresAt: r.expiresAt,
    status: effectiveStatus(r, now),
  };
}
