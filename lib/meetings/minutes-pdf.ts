import "server-only";
import PDFDocument from "pdfkit";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import type { Minutes } from "./data";
import { MINUTES_MARKING } from "./labels";
import { PANEL_NAMES } from "@/lib/panels/labels";

// The minutes and action lists of a closed meeting as a PDF the chair can circulate. Standard PDF
// fonts only (Helvetica), so nothing is embedded and nothing is fetched. MARAC minutes carry the
// confidentiality marking at the top and bottom of every page, drawn after the content is laid
// out (bufferPages) so that no page can be missed.

const MARGIN = 56;

export async function minutesPdf(minutes: Minutes): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN + 14, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Minutes ${minutes.reference}`, Author: "Safer Partnerships", Subject: `${PANEL_NAMES[minutes.panel]} minutes` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const heading = (text: string, size = 14) =>
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(size).text(text).moveDown(0.2).font("Helvetica").fontSize(10.5);
  const field = (label: string, value: string) =>
    doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);

  doc.font("Helvetica-Bold").fontSize(18).text(`${PANEL_NAMES[minutes.panel]} meeting minutes`);
  doc.font("Helvetica").fontSize(10.5).moveDown(0.3);
  field("Meeting", minutes.reference);
  field("Date", formatDateTime(minutes.startsAt));
  if (minutes.venue) field("Venue", minutes.venue);
  field("Chair", minutes.chair);
  if (minutes.closedAt) field("Closed", formatDateTime(minutes.closedAt));
  if (minutes.partial) doc.moveDown(0.3).text("This copy includes only the cases your organisation works on.");

  if (minutes.attendees.length > 0) {
    heading("Attendance");
    for (const a of minutes.attendees) doc.text(`${a.organisation}${a.present ? "" : " (apologies)"}${a.names ? `: ${a.names}` : ""}`);
  }

  heading("Cases discussed");
  if (minutes.items.length === 0) doc.text("No cases.");
  for (const item of minutes.items) {
    doc.moveDown(0.4).font("Helvetica-Bold").fontSize(12).text(`${item.position}. ${item.caseReference}: ${item.caseTitle}`);
    doc
      .font("Helvetica")
      .fontSize(10.5)
      .text(`${item.reason === "REFERRAL" ? "New referral" : "Review"}${item.reviewed ? " · reviewed" : " · not reviewed"}`);
    field("Discussion", item.discussionSummary ?? "Not recorded");
    field("Decision", item.decision ?? "Not recorded");
    if (item.actions.length > 0) {
      doc.font("Helvetica-Bold").text("Actions agreed:");
      doc.font("Helvetica");
      for (const a of item.actions) doc.text(`• ${a.organisation}: ${a.title} (due ${formatDate(a.dueDate)})`, { indent: 10 });
    }
  }

  heading("Action list by organisation");
  if (minutes.actionsByOrganisation.length === 0) doc.text("No actions were agreed.");
  for (const group of minutes.actionsByOrganisation) {
    doc.moveDown(0.4).font("Helvetica-Bold").fontSize(12).text(`${group.organisation} (${group.shortName})`);
    doc.font("Helvetica").fontSize(10.5);
    for (const a of group.actions)
      doc.text(`• ${a.caseReference}: ${a.title}. Due ${formatDate(a.dueDate)}. ${ACTION_STATUS_LABELS[a.status]}.`, { indent: 10 });
  }

  // Markings and page numbers on every page, outside the margins (so they never move the content).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - 2 * MARGIN;
    const bottom = doc.page.height - MARGIN;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (minutes.marked) {
      doc
        .font("Helvetica-Bold")
        .fontSize(10)
        .fillColor("#b00020")
        .text(MINUTES_MARKING, MARGIN, MARGIN - 14, { width, align: "center", lineBreak: false });
      doc.text(MINUTES_MARKING, MARGIN, bottom, { width, align: "center", lineBreak: false });
    }
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor("#505a5f")
      .text(`${minutes.reference} · page ${i - range.start + 1} of ${range.count}`, MARGIN, bottom + 14, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.fillColor("black");
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
