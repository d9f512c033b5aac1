import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format/dates";
import { KINDS } from "./kinds";

// The e-mails, in the GOV.UK Notify pattern for sensitive services: the kind of event, a
// reference and a link that needs signing in; no personal data and no case content (a test renders
// every kind and scans the result for the seed's names, addresses and free text). Pure.

export const PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE: for the addressee only. Do not forward this message.";

export type EmailNotice = {
  /** The notification's id: the e-mail links to `/notifications/<id>`, which marks it read and opens what it is about. */
  id: string;
  kind: NotificationKind;
  reference: string | null;
  organisation: string | null;
  /** The one-time link of an invitation or password reset (already a full address). */
  secretLink?: string | null;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const SUBJECTS: Partial<Record<NotificationKind, string>> = {
  INVITATION: "Your invitation to Safer Partnerships",
  PASSWORD_RESET: "Set a new password for Safer Partnerships",
  SIGN_IN_NEW_DEVICE: "New sign-in to your Safer Partnerships account",
  SIGN_IN_THROTTLED: "Failed sign-ins to your Safer Partnerships account",
  TWO_FACTOR_CHANGED: "Two-factor sign-in changed on your Safer Partnerships account",
  PASSWORD_CHANGED: "Your Safer Partnerships password was changed",
};

function subjectOf(notice: EmailNotice): string {
  return SUBJECTS[notice.kind] ?? `Safer Partnerships: ${KINDS[notice.kind].group.toLowerCase()} notification`;
}

function page(lines: { text: string; link?: string }[], subject: string, baseUrl: string): RenderedEmail {
  const text = [
    PROTECTIVE_MARKING,
    "",
    ...lines.flatMap((l) => (l.link ? [l.text, l.link, ""] : [l.text, ""])),
    `Sign in to see it: ${baseUrl}/`,
    "",
    "You can choose which messages you get on your account page in Safer Partnerships.",
    PROTECTIVE_MARKING,
  ].join("\n");
  const html = [
    `<p><strong>${escapeHtml(PROTECTIVE_MARKING)}</strong></p>`,
    ...lines.map((l) => `<p>${escapeHtml(l.text)}${l.link ? `<br><a href="${escapeHtml(l.link)}">${escapeHtml(l.link)}</a>` : ""}</p>`),
    `<p>You need to sign in to see it. You can choose which messages you get on your account page in Safer Partnerships.</p>`,
    `<p><strong>${escapeHtml(PROTECTIVE_MARKING)}</strong></p>`,
  ].join("\n");
  return { subject, text, html };
}

/** One notification's e-mail. `baseUrl` is the service's address (APP_URL). */
export function renderEmail(notice: EmailNotice, baseUrl: string): RenderedEmail {
  const link = notice.secretLink ?? `${baseUrl}/notifications/${notice.id}`;
  return page([{ text: KINDS[notice.kind].text(notice), link }], subjectOf(notice), baseUrl);
}

/** The daily e-mail: every notification the person chose to get that way, one line each. */
export function renderDigest(notices: (EmailNotice & { createdAt: Date })[], baseUrl: string): RenderedEmail {
  const lines = notices.map((n) => ({
    text: `${formatDate(n.createdAt)}: ${KINDS[n.kind].text(n)}`,
    link: `${baseUrl}/notifications/${n.id}`,
  }));
  const subject = `Safer Partnerships: your daily summary (${notices.length} ${notices.length === 1 ? "notification" : "notifications"})`;
  return page([{ text: `Since your last summary:` }, ...lines], subject, baseUrl);
}
