import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { requireCan } from "@/lib/auth/refuse";
import { auditChange, auditRefusal, auditView } from "@/lib/audit/data";
import { identifyDocument } from "@/lib/documents/files";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { inTransaction, jobQueue } from "@/lib/jobs/client";
import { CHECK_IMPORT, RUN_IMPORT } from "@/lib/jobs/queues";
import { isUuid } from "@/lib/not-found";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { IMPORT_LAYOUTS } from "../columns";
import { MAX_IMPORT_BYTES, MAX_IMPORT_SIZE_LABEL } from "../limits";
import { storeFile } from "./files";
import { MAX_STORED_PROBLEMS } from "./check";
import { ENTITY } from "./shared";

// What a manager does with an import, each step checked here: upload (the file kept, the check
// queued), read it back (their own organisation's imports only), decide the likely duplicates,
// start, resume or discard. The worker does the reading and writing (check.ts, run.ts).

const NO_PERMISSION = () => new ForbiddenError("You do not have permission to import records");

export const UPLOAD_MESSAGES = {
  kind: "Select what the file holds",
  missing: "Select a file",
  empty: "The selected file is empty",
  type: "The selected file must be a CSV or an Excel workbook (.xlsx)",
  size: `The selected file must be ${MAX_IMPORT_SIZE_LABEL} or smaller`,
} as const;
export type UploadProblem = keyof typeof UPLOAD_MESSAGES;

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && Object.hasOwn(IMPORT_LAYOUTS, value);
}

/** Keeps the file and queues its check; the id of the new import. */
export async function uploadImport(actor: Actor, input: { kind: unknown; file: File | null }): Promise<string> {
  await requireCan(actor, "import:run", NO_PERMISSION);
  const problems: Partial<Record<"kind" | "file", string[]>> = {};
  if (!isImportKind(input.kind)) problems.kind = [UPLOAD_MESSAGES.kind];
  const file = input.file;
  let format: "CSV" | "XLSX" | null = null;
  let bytes: Uint8Array | null = null;
  if (!file || file.name === "") problems.file = [UPLOAD_MESSAGES.missing];
  else if (file.size > MAX_IMPORT_BYTES) problems.file = [UPLOAD_MESSAGES.size];
  else if (file.size === 0) problems.file = [UPLOAD_MESSAGES.empty];
  else {
    bytes = new Uint8Array(await file.arrayBuffer());
    // Told by its bytes as a case document is, up to the import's own size limit.
    const identified = identifyDocument(file.name, bytes, MAX_IMPORT_BYTES);
    if (identified.ok && identified.kind === "CSV") format = "CSV";
    else if (identified.ok && identified.kind === "EXCEL") format = "XLSX";
    else problems.file = [UPLOAD_MESSAGES.type];
  }
  if (Object.keys(problems).length > 0 || !format || !bytes || !isImportKind(input.kind)) throw new ValidationError(problems);
  const kind = input.kind;
  const fileName = file!.name.slice(0, 200);
  const boss = await jobQueue();
  return db.$transaction(
    async (tx) => {
      const created = await tx.dataImport.create({
        data: { organisationId: actor.organisationId, createdById: actor.userId, kind, fileName, format: format!, byteSize: bytes!.length },
        select: { id: true },
      });
      await storeFile(tx, created.id, bytes!);
      await boss.send(CHECK_IMPORT, { importId: created.id }, { singletonKey: created.id, db: inTransaction(tx) });
      // The file's name stays out of the trail: it may name a person.
      await auditChange(tx, actor, "CREATE", ENTITY, created.id, { kind, format, bytes: bytes!.length, step: "upload" });
      return created.id;
    },
    { timeout: 60_000 },
  );
}

// ───────────────────────────── Reading ─────────────────────────────

const IMPORT_SELECT = {
  id: true,
  kind: true,
  fileName: true,
  format: true,
  byteSize: true,
  status: true,
  checkedRows: true,
  totalRows: true,
  problemCount: true,
  importedUpTo: true,
  createdCount: true,
  updatedCount: true,
  unchangedCount: true,
  failure: true,
  createdAt: true,
  checkedAt: true,
  startedAt: true,
  finishedAt: true,
  version: true,
  createdBy: { select: { name: true } },
} as const;

/** The organisation's imports, newest first. */
export async function listImports(actor: Actor) {
  await requireCan(actor, "import:run", NO_PERMISSION);
  return db.dataImport.findMany({
    where: { organisationId: actor.organisationId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: IMPORT_SELECT,
  });
}

/** An import of the actor's own organisation; any other id is not found (and the look audited). */
async function ownImport(actor: Actor, id: string) {
  await requireCan(actor, "import:run", NO_PERMISSION);
  if (!isUuid(id)) throw new NotFoundError("import");
  const found = await db.dataImport.findFirst({ where: { id, organisationId: actor.organisationId }, select: IMPORT_SELECT });
  if (!found) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("import");
  }
  return found;
}

export type ImportSummary = Awaited<ReturnType<typeof ownImport>>;

export async function getImport(actor: Actor, id: string): Promise<ImportSummary> {
  const found = await ownImport(actor, id);
  await auditView(actor, ENTITY, id);
  return found;
}

export const PROBLEMS_SHOWN = 100;

export async function importProblems(actor: Actor, id: string, limit = PROBLEMS_SHOWN) {
  await ownImport(actor, id);
  return db.importProblem.findMany({
    where: { importId: id },
    orderBy: [{ row: "asc" }, { id: "asc" }],
    take: limit,
    select: { row: true, column: true, message: true },
  });
}

export type MatchCandidate = { id: string; label: string; detail: string };
export type MatchForReview = {
  id: string;
  kind: "PERSON" | "PLACE";
  firstRow: number;
  rowCount: number;
  /** What the file says, as it will be created if "new". */
  described: string;
  candidates: MatchCandidate[];
  /** The current choice: a candidate id, or "new". */
  choice: string;
  decided: boolean;
};

export const MATCHES_SHOWN = 200;

/**
 * The likely duplicates to review. Candidates are read through the access rules as the page is
 * drawn: one that the manager may no longer see is left out (and a choice of it falls back to new).
 */
export async function importMatches(actor: Actor, id: string): Promise<{ matches: MatchForReview[]; total: number }> {
  await ownImport(actor, id);
  const [rows, total] = await Promise.all([
    db.importMatch.findMany({ where: { importId: id }, orderBy: [{ firstRow: "asc" }, { kind: "asc" }], take: MATCHES_SHOWN }),
    db.importMatch.count({ where: { importId: id } }),
  ]);
  const personIds = rows.filter((r) => r.kind === "PERSON").flatMap((r) => r.candidateIds);
  const placeIds = rows.filter((r) => r.kind === "PLACE").flatMap((r) => r.candidateIds);
  const [people, places] = await Promise.all([
    db.person.findMany({
      where: { AND: [{ id: { in: personIds } }, visiblePeopleWhere(actor), { mergedIntoId: null }] },
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true, createdByOrg: { select: { shortName: true } } },
    }),
    db.location.findMany({
      where: { AND: [{ id: { in: placeIds } }, visiblePlacesWhere(actor)] },
      select: { id: true, addressLine1: true, town: true, postcode: true, uprn: true },
    }),
  ]);
  const dob = (d: Date | null) => (d ? d.toLocaleDateString("en-GB", { timeZone: "UTC" }) : "date of birth not known");
  const candidates = new Map<string, MatchCandidate>([
    ...people.map(
      (p) =>
        [
          p.id,
          {
            id: p.id,
            label: `${p.firstName} ${p.lastName}`,
            detail: `Born ${dob(p.dateOfBirth)} · recorded by ${p.createdByOrg.shortName}`,
          },
        ] as const,
    ),
    ...places.map(
      (p) =>
        [
          p.id,
          {
            id: p.id,
            label: [p.addressLine1, p.town, p.postcode].filter(Boolean).join(", "),
            detail: p.uprn ? `UPRN ${p.uprn}` : "No UPRN",
          },
        ] as const,
    ),
  ]);
  return {
    total,
    matches: rows.map((row) => {
      const shown = row.candidateIds.flatMap((cid) => candidates.get(cid) ?? []);
      const current = row.decided ? (row.decidedNew ? null : row.decidedId) : row.suggestedId;
      return {
        id: row.id,
        kind: row.kind,
        firstRow: row.firstRow,
        rowCount: row.rowCount,
        described: describeKey(row.kind, row.key),
        candidates: shown,
        choice: current && shown.some((c) => c.id === current) ? current : "new",
        decided: row.decided,
      };
    }),
  };
}

/** The key as words: "dawn ellis, born 14/02/1987" or the address. The key holds only what the file says. */
function describeKey(kind: "PERSON" | "PLACE", key: string): string {
  if (kind === "PERSON") {
    const [name, born] = key.split("|");
    const words = (name ?? "").replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    return born ? `${words}, born ${born.split("-").reverse().join("/")}` : `${words}, date of birth not given`;
  }
  if (key.startsWith("uprn:")) return `UPRN ${key.slice(5)}`;
  const [address, postcode] = key.split("|");
  return [address, postcode].filter(Boolean).join(", ");
}

// ───────────────────────────── Deciding and starting ─────────────────────────────

async function changeStep(actor: Actor, id: string, version: number, from: readonly string[]) {
  const found = await ownImport(actor, id);
  if (found.version !== version || !from.includes(found.status))
    throw new ConflictError("This import has moved on since the page was loaded. Here it is as it stands now.");
  return found;
}

/**
 * The manager's choices: for each match, an existing record (one of its candidates) or "new".
 * Matches not in `choices` keep the suggestion (accepting the suggested defaults in one go).
 */
export async function decideMatches(actor: Actor, id: string, version: number, choices: Record<string, string>): Promise<void> {
  await changeStep(actor, id, version, ["CHECKED"]);
  const matches = await db.importMatch.findMany({
    where: { importId: id },
    select: { id: true, candidateIds: true, kind: true, key: true },
  });
  await db.$transaction(async (tx) => {
    for (const match of matches) {
      const choice = choices[match.id];
      if (choice === undefined) continue;
      if (choice !== "new" && !match.candidateIds.includes(choice))
        throw new ValidationError({ [`match-${match.id}`]: ["Choose one of the records listed, or a new record"] });
      // A UPRN is on one place only: when a place already has it, that place is the one.
      if (choice === "new" && match.kind === "PLACE" && match.key.startsWith("uprn:")) {
        if (await tx.location.findUnique({ where: { uprn: match.key.slice("uprn:".length) }, select: { id: true } }))
          throw new ValidationError({ [`match-${match.id}`]: ["A place with this UPRN is already recorded: choose it"] });
      }
      await tx.importMatch.update({
        where: { id: match.id },
        data: { decided: true, decidedNew: choice === "new", decidedId: choice === "new" ? null : choice },
      });
    }
    await tx.dataImport.update({ where: { id }, data: { version: { increment: 1 } } });
  });
}

/** Starts the import of a checked file without problems. */
export async function startImport(actor: Actor, id: string, version: number): Promise<void> {
  const found = await changeStep(actor, id, version, ["CHECKED"]);
  if (found.problemCount > 0) throw new ValidationError({ import: ["Fix the problems in the file and upload it again before importing"] });
  await queueRun(actor, id, "start");
}

/** Carries on after the last batch a stopped import wrote. */
export async function resumeImport(actor: Actor, id: string, version: number): Promise<void> {
  await changeStep(actor, id, version, ["FAILED"]);
  await queueRun(actor, id, "resume");
}

async function queueRun(actor: Actor, id: string, step: "start" | "resume") {
  const boss = await jobQueue();
  await db.$transaction(async (tx) => {
    await tx.dataImport.update({
      where: { id },
      data: { status: "IMPORTING", failure: null, startedAt: new Date(), version: { increment: 1 } },
    });
    await boss.send(RUN_IMPORT, { importId: id }, { singletonKey: id, db: inTransaction(tx) });
    await auditChange(tx, actor, "UPDATE", ENTITY, id, { step });
  });
}

/** Drops an import that will not go ahead; the file itself is deleted. Rows already imported stay. */
export async function discardImport(actor: Actor, id: string, version: number): Promise<void> {
  await changeStep(actor, id, version, ["CHECKED", "FAILED"]);
  await db.$transaction(async (tx) => {
    await tx.importFileChunk.deleteMany({ where: { importId: id } });
    await tx.importMatch.deleteMany({ where: { importId: id } });
    await tx.dataImport.update({ where: { id }, data: { status: "DISCARDED", finishedAt: new Date(), version: { increment: 1 } } });
    await auditChange(tx, actor, "DELETE", ENTITY, id, { step: "discard" });
  });
}

/** Every problem kept (up to MAX_STORED_PROBLEMS), for the download; audited as an export. */
export async function importProblemsDownload(actor: Actor, id: string) {
  const problems = await importProblems(actor, id, MAX_STORED_PROBLEMS);
  await db.$transaction((tx) => auditChange(tx, actor, "EXPORT", "ImportProblems", id, { rows: problems.length }));
  return problems;
}
