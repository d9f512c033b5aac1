import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere } from "@/lib/cases/access";
import { changeCase } from "@/lib/cases/data";
import { appendTimeline } from "@/lib/timeline/data";
import { audit, auditChange, auditRefusal } from "@/lib/audit/data";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import { DOCUMENT_KINDS, documentKindOf, formatFileSize, identifyDocument, safeFileName } from "./files";

// Documents attached to a case: letters, statements, photographs, minutes from elsewhere.
//
// WHO: anyone whose organisation may add to the case (lib/cases/access caseRightsOf: the lead
// organisation and the organisations it is shared with) attaches documents, closed cases included
// (a closing letter still belongs on the record). Everyone who may see the case may list and
// download its documents; nobody else can, whatever ids they hold: every read goes through the
// case visibility rule, a refusal answers exactly like a missing document and is audited.
//
// WHAT: only the kinds in lib/documents/files, told by their bytes, up to 10 MB. The bytes live in
// CaseDocumentContent, apart from the metadata, with their SHA-256, which is checked again on the
// way out. A document is never changed or deleted here: the timeline says when it was added.

const ENTITY = "CaseDocument";

export type NewDocument = { fileName: string; bytes: Uint8Array; description: string };

export type AttachedDocument = { id: string; fileName: string };

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Attaches a file to the case, with its DOCUMENT_ADDED timeline entry and audit entry, in one transaction. */
export async function attachDocument(actor: Actor, caseId: string, document: NewDocument): Promise<AttachedDocument> {
  const fileName = safeFileName(document.fileName);
  const identified = identifyDocument(fileName, document.bytes);
  if (!identified.ok) throw new ValidationError({ file: [identified.message] });
  const sha256 = sha256Of(document.bytes);
  const sizeBytes = document.bytes.length;
  const description = document.description.trim();

  return changeCase(actor, caseId, "contribute", async (tx) => {
    const same = await tx.caseDocument.findFirst({ where: { caseId, sha256 }, select: { fileName: true, uploadedAt: true } });
    if (same)
      throw new ValidationError({
        file: [`This file is already attached to the case, as ${same.fileName} (added ${formatDate(same.uploadedAt)})`],
      });

    const { id } = await tx.caseDocument.create({
      data: {
        caseId,
        fileName,
        contentType: identified.contentType,
        sizeBytes,
        sha256,
        description,
        uploadedById: actor.userId,
        organisationId: actor.organisationId,
        content: { create: { bytes: new Uint8Array(document.bytes) } },
      },
      select: { id: true },
    });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "DOCUMENT_ADDED",
      summary: `${fileName} (${DOCUMENT_KINDS[identified.kind].label}, ${formatFileSize(sizeBytes)}): ${description}`,
      subjectType: ENTITY,
      subjectId: id,
      detail: { fileName, sizeBytes, sha256 },
    });
    await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() }, select: { id: true } });
    await auditChange(tx, actor, "CREATE", ENTITY, id, { caseId, fileName, sizeBytes, sha256, contentType: identified.contentType });
    return { id, fileName };
  });
}

export type CaseDocumentRow = {
  id: string;
  fileName: string;
  kindLabel: string;
  sizeBytes: number;
  description: string | null;
  uploadedAt: Date;
  uploadedBy: string;
  organisation: { name: string; shortName: string };
};

export type CaseDocumentList = { rows: CaseDocumentRow[]; total: number };

/** The case's documents, newest first (metadata only, never the bytes); none if the actor may not see the case. */
export async function listCaseDocuments(actor: Actor, caseId: string, options: { take?: number } = {}): Promise<CaseDocumentList> {
  if (!isUuid(caseId)) return { rows: [], total: 0 };
  const where = { caseId, case: visibleCasesWhere(actor) };
  const [rows, total] = await Promise.all([
    db.caseDocument.findMany({
      where,
      orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
      take: options.take,
      select: {
        id: true,
        fileName: true,
        sizeBytes: true,
        description: true,
        uploadedAt: true,
        uploadedBy: { select: { name: true } },
        organisation: { select: { name: true, shortName: true } },
      },
    }),
    db.caseDocument.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((d) => {
      const kind = documentKindOf(d.fileName);
      return {
        id: d.id,
        fileName: d.fileName,
        kindLabel: kind ? DOCUMENT_KINDS[kind].label : "File",
        sizeBytes: d.sizeBytes,
        description: d.description,
        uploadedAt: d.uploadedAt,
        uploadedBy: d.uploadedBy.name,
        organisation: d.organisation,
      };
    }),
  };
}

export type DocumentDownload = { fileName: string; contentType: string; bytes: Uint8Array<ArrayBuffer> };

/**
 * A document's file for the actor to download: only from a case they may see, by the case and the
 * document together. Anything else is NotFoundError, and the refusal is audited (whether or not
 * the document exists). Each download is audited as an export: the file leaves the system.
 */
export async function documentForDownload(actor: Actor, caseId: string, documentId: string): Promise<DocumentDownload> {
  if (!isUuid(caseId) || !isUuid(documentId)) throw new NotFoundError("document");
  const document = await db.caseDocument.findFirst({
    where: { id: documentId, caseId, case: visibleCasesWhere(actor) },
    select: { id: true, fileName: true, contentType: true, sha256: true, content: { select: { bytes: true } } },
  });
  if (!document?.content) {
    await auditRefusal(actor, ENTITY, documentId);
    throw new NotFoundError("document");
  }
  const bytes = new Uint8Array(document.content.bytes);
  // Tamper evidence: the bytes must still be the ones that were uploaded.
  if (sha256Of(bytes) !== document.sha256) throw new Error(`Document ${document.id} does not match its SHA-256`);
  await audit({
    action: "EXPORT",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: ENTITY,
    entityId: document.id,
    detail: { caseId, fileName: document.fileName, sha256: document.sha256 },
  });
  return { fileName: document.fileName, contentType: document.contentType, bytes };
}
