import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { shareCase, withdrawShare } from "@/lib/cases/data";
import { attachDocument, documentForDownload, listCaseDocuments } from "@/lib/documents/data";
import { MAX_DOCUMENT_BYTES } from "@/lib/documents/files";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { FILES } from "@/tests/support/document-files";
import { agency, colleague, open, timelineOf } from "./cases-support";
import { ownerSql } from "@/tests/support/database-roles";

// Case documents from the attacker's side: another agency holding a document's id, a disguised
// executable, a file too big, a viewer. A document is reached only through a case the user may see.

const attach = (actor: Parameters<typeof attachDocument>[0], caseId: string, fileName = "statement.pdf", bytes: Uint8Array = FILES.pdf) =>
  attachDocument(actor, caseId, { fileName, bytes, description: "Victim statement" });

async function refusals(userId: string, documentId: string) {
  return db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType: "CaseDocument", entityId: documentId } });
}

async function fileErrorOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors.file?.[0];
}

describe("who can download a case's documents", () => {
  it("an officer of an organisation the case is not shared with cannot download its document, even with its id, and the refusal is audited", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const policeCase = await open(police.actor);
    const housingCase = await open(housing.actor);
    const document = await attach(police.actor, policeCase.id);

    await expect(documentForDownload(housing.actor, policeCase.id, document.id)).rejects.toBeInstanceOf(NotFoundError);
    // Nor by putting the id under a case they can see.
    await expect(documentForDownload(housing.actor, housingCase.id, document.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(housing.user.id, document.id)).toBe(2);
    expect(await listCaseDocuments(housing.actor, policeCase.id)).toEqual({ rows: [], total: 0 });
    await expect(attach(housing.actor, policeCase.id, "mine.pdf", FILES.pdf)).rejects.toBeInstanceOf(NotFoundError);

    // A document that does not exist answers the same, with nothing to audit.
    await expect(documentForDownload(housing.actor, policeCase.id, "0197a1b2-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(documentForDownload(housing.actor, policeCase.id, "../../etc/passwd")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("once the case is shared, that organisation's users can download the file exactly as uploaded, each download audited; after withdrawal they cannot", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const housingColleague = await colleague(housing.organisation.id);
    const opened = await open(police.actor);
    const document = await attach(police.actor, opened.id);
    await shareCase(police.actor, opened.id, housing.organisation.id);

    const file = await documentForDownload(housingColleague.actor, opened.id, document.id);
    expect(Buffer.from(file.bytes).equals(FILES.pdf)).toBe(true);
    expect(file).toMatchObject({ fileName: "statement.pdf", contentType: "application/pdf" });
    const exports = await db.auditEvent.findMany({ where: { action: "EXPORT", entityType: "CaseDocument", entityId: document.id } });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ userId: housingColleague.user.id, organisationId: housing.organisation.id });
    expect((await listCaseDocuments(housingColleague.actor, opened.id)).rows.map((d) => d.id)).toEqual([document.id]);

    await withdrawShare(police.actor, opened.id, housing.organisation.id);
    await expect(documentForDownload(housingColleague.actor, opened.id, document.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(housingColleague.user.id, document.id)).toBe(1);
  });

  it("a restricted MARAC case's documents reach MARAC panel members only, not colleagues off the panel", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const offPanel = await colleague(police.organisation.id);
    const onPanel = await colleague(police.organisation.id, { panels: ["MARAC"] });
    const marac = await open(police.actor, { kind: "MARAC" });
    const document = await attach(police.actor, marac.id);

    await expect(documentForDownload(offPanel.actor, marac.id, document.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(offPanel.user.id, document.id)).toBe(1);
    expect((await documentForDownload(onPanel.actor, marac.id, document.id)).fileName).toBe("statement.pdf");
  });
});

describe("attaching a document", () => {
  it("stores the bytes apart, with their SHA-256, and writes DOCUMENT_ADDED and the audit entry", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    const document = await attach(council.actor, opened.id, "C:\\Users\\officer\\Desktop\\diary.txt", FILES.text);

    const stored = await db.caseDocument.findUniqueOrThrow({ where: { id: document.id }, include: { content: true } });
    const sha256 = createHash("sha256").update(FILES.text).digest("hex");
    expect(stored).toMatchObject({
      fileName: "diary.txt",
      contentType: "text/plain; charset=utf-8",
      sizeBytes: FILES.text.length,
      sha256,
      uploadedById: council.user.id,
    });
    expect(Buffer.from(stored.content!.bytes).equals(FILES.text)).toBe(true);
    const entries = (await timelineOf(opened.id)).filter((e) => e.kind === "DOCUMENT_ADDED");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toContain("diary.txt");
    expect(
      await db.auditEvent.count({
        where: { action: "CREATE", entityType: "CaseDocument", entityId: document.id, detail: { path: ["sha256"], equals: sha256 } },
      }),
    ).toBe(1);
  });

  it("refuses an executable disguised as a PDF, and stores nothing", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    expect(await fileErrorOf(attach(council.actor, opened.id, "statement.pdf", FILES.exe))).toBe(
      "The selected file must be a PDF, Word document, spreadsheet, text file or image",
    );
    expect(await fileErrorOf(attach(council.actor, opened.id, "statement.exe", FILES.exe))).toContain("must be a PDF");
    expect(await db.caseDocument.count({ where: { caseId: opened.id } })).toBe(0);
    expect((await timelineOf(opened.id)).some((e) => e.kind === "DOCUMENT_ADDED")).toBe(false);
  });

  it("refuses a file over 10 MB, with the message the form shows", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
    expect(await fileErrorOf(attach(council.actor, opened.id, "big.txt", big))).toBe("The selected file must be 10 MB or smaller");
    expect(await db.caseDocument.count({ where: { caseId: opened.id } })).toBe(0);
  });

  it("accepts a file of exactly 10 MB, the advertised maximum", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    const exact = new Uint8Array(MAX_DOCUMENT_BYTES).fill(0x61);
    await attach(council.actor, opened.id, "exactly-ten.txt", exact);
    expect(await db.caseDocument.count({ where: { caseId: opened.id } })).toBe(1);
  });

  it("refuses the same file twice on one case", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    await attach(council.actor, opened.id);
    expect(await fileErrorOf(attach(council.actor, opened.id, "copy.pdf", FILES.pdf))).toContain(
      "already attached to the case, as statement.pdf",
    );
  });

  it("a viewer, who may read the case, cannot attach to it", async () => {
    const council = await agency();
    const viewer = await colleague(council.organisation.id, { role: "VIEWER" });
    const opened = await open(council.actor);
    await expect(attach(viewer.actor, opened.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("leaves neither the document nor its bytes when the timeline entry cannot be written", async () => {
    const council = await agency();
    const opened = await open(council.actor);
    await ownerSql(`
      CREATE OR REPLACE FUNCTION test_refuse_document_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'DOCUMENT_ADDED' THEN RAISE EXCEPTION 'forced failure for the test'; END IF;
        RETURN NEW;
      END $$`);
    await ownerSql(
      `CREATE TRIGGER test_refuse_document_entry BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_document_entry()`,
    );
    try {
      await expect(attach(council.actor, opened.id)).rejects.toThrow(/forced failure/);
    } finally {
      await ownerSql(`DROP TRIGGER test_refuse_document_entry ON "TimelineEntry"`);
    }
    expect(await db.caseDocument.count({ where: { caseId: opened.id } })).toBe(0);
    expect(await db.caseDocumentContent.count({ where: { document: { caseId: opened.id } } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { action: "CREATE", entityType: "CaseDocument", detail: { path: ["caseId"], equals: opened.id } },
      }),
    ).toBe(0);
  });
});
