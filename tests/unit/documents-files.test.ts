import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  FILE_MESSAGES,
  formatFileSize,
  identifyDocument,
  MAX_DOCUMENT_BYTES,
  safeFileName,
} from "@/lib/documents/files";
import { FILES } from "@/tests/support/document-files";

// Which files a case may hold is decided by their bytes, and the name's extension must agree.

describe("telling a document's kind from its bytes", () => {
  it.each([
    ["statement.pdf", FILES.pdf, "application/pdf"],
    ["letter.docx", FILES.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["log.xlsx", FILES.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["diary.txt", FILES.text, "text/plain; charset=utf-8"],
    ["DIARY.CSV", FILES.csv, "text/csv; charset=utf-8"],
    ["photo.jpeg", FILES.jpeg, "image/jpeg"],
    ["photo.jpg", FILES.jpeg, "image/jpeg"],
    ["door.png", FILES.png, "image/png"],
  ])("accepts %s", (name, bytes, contentType) => {
    expect(identifyDocument(name, bytes)).toEqual({ ok: true, kind: expect.any(String), contentType });
  });

  it.each([
    ["an executable named .pdf", "statement.pdf", FILES.exe],
    ["an executable named .txt", "notes.txt", FILES.exe],
    ["an executable under its own name", "setup.exe", FILES.exe],
    ["a PDF named .docx", "letter.docx", FILES.pdf],
    ["a spreadsheet named .docx", "letter.docx", FILES.xlsx],
    ["a macro-enabled Word file named .docx", "letter.docx", FILES.docm],
    ["any other zip named .xlsx", "log.xlsx", FILES.zip],
    ["a PNG named .jpg", "photo.jpg", FILES.png],
    ["a file with no extension", "statement", FILES.pdf],
    ["an HTML page named .pdf", "statement.pdf", Buffer.from("<html><script>alert(1)</script></html>")],
  ])("refuses %s", (_what, name, bytes) => {
    expect(identifyDocument(name, bytes)).toEqual({ ok: false, message: FILE_MESSAGES.type });
  });

  it("refuses an empty file and one over 10 MB, with the GOV.UK messages", () => {
    expect(identifyDocument("empty.txt", new Uint8Array())).toEqual({ ok: false, message: "The selected file is empty" });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
    expect(identifyDocument("big.txt", big)).toEqual({ ok: false, message: "The selected file must be 10 MB or smaller" });
  });
});

describe("naming a document", () => {
  it("keeps only the file's own name, without paths or control characters", () => {
    expect(safeFileName("C:\\Users\\pc\\Desktop\\statement.pdf")).toBe("statement.pdf");
    expect(safeFileName("../../etc/passwd.txt")).toBe("passwd.txt");
    expect(safeFileName('a"b<c>\u0000d\nе.pdf')).toBe("abcdе.pdf");
    expect(safeFileName(".pdf")).toBe("document.pdf");
    expect(safeFileName(`${"x".repeat(300)}.docx`)).toHaveLength(150);
  });

  it("offers it as an attachment with an ASCII name and the exact name encoded", () => {
    expect(attachmentDisposition("Noise diary – Flat 12.pdf")).toBe(
      `attachment; filename="Noise diary _ Flat 12.pdf"; filename*=UTF-8''Noise%20diary%20%E2%80%93%20Flat%2012.pdf`,
    );
  });

  it("gives sizes in plain words", () => {
    expect(formatFileSize(850)).toBe("850 bytes");
    expect(formatFileSize(120 * 1024)).toBe("120 KB");
    expect(formatFileSize(2.4 * 1024 * 1024)).toBe("2.4 MB");
  });
});
