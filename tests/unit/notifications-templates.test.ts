import { describe, expect, it } from "vitest";
import { NotificationKind } from "@/lib/generated/prisma/enums";
import { PROTECTIVE_MARKING, renderDigest, renderEmail } from "@/lib/notifications/email";
import { CASES } from "@/prisma/seed/cases";
import { INCIDENTS } from "@/prisma/seed/incidents";
import { LOCATIONS, PEOPLE } from "@/prisma/seed/places-and-people";
import { USERS } from "@/prisma/seed/partnership";

// No personal data and no case content in any e-mail (the GOV.UK Notify pattern): every kind of
// notification, and the daily digest, rendered as the worker sends them, scanned for every name,
// address and piece of free text in the demo partnership.

const KINDS = Object.values(NotificationKind);
const REFERENCES = ["CASE-2026-000123", "REF-2026-000045", "MTG-2026-000007", "PWR-2026-000311", "3"];

function rendered(): string[] {
  const texts: string[] = [];
  for (const kind of KINDS) {
    for (const reference of REFERENCES) {
      const email = renderEmail(
        { id: "0193c0de-0000-7000-8000-000000000000", kind, reference, organisation: "Kingsmere Homes" },
        "https://safer.example",
      );
      texts.push(email.subject, email.text, email.html);
    }
  }
  const digest = renderDigest(
    KINDS.map((kind) => ({
      id: "0193c0de-0000-7000-8000-000000000001",
      kind,
      reference: "CASE-2026-000123",
      organisation: "Kingsmere Homes",
      createdAt: new Date("2026-12-07T07:00:00Z"),
    })),
    "https://safer.example",
  );
  texts.push(digest.subject, digest.text, digest.html);
  return texts;
}

/** Words and phrases from the seed that identify someone or tell something about a case. */
function personalData(): string[] {
  const found = new Set<string>();
  for (const p of PEOPLE) {
    found.add(p.first);
    found.add(p.last);
    if (p.phone) found.add(p.phone);
    if (p.notes) found.add(p.notes.slice(0, 40));
  }
  for (const u of USERS) found.add(u.name);
  for (const l of LOCATIONS) {
    found.add(l.line1);
    found.add(l.postcode);
  }
  for (const i of INCIDENTS) found.add(i.text.slice(0, 40));
  for (const c of CASES) {
    found.add(c.title);
    if (c.summary) found.add(c.summary.slice(0, 40));
  }
  // Too short or too common to mean anything on their own ("Ali" is in "Alison", "May" a month).
  return [...found].filter((s) => s.length >= 4 && !["Kingsmere", "Homes", "Safer", "Partnerships"].includes(s));
}

describe("what an e-mail may contain", () => {
  const texts = rendered();

  it("carries the protective marking and a link that needs signing in, in every kind", () => {
    for (const kind of KINDS) {
      const email = renderEmail({ id: "n1", kind, reference: "CASE-2026-000123", organisation: null }, "https://safer.example");
      expect(email.text).toContain(PROTECTIVE_MARKING);
      expect(email.text).toContain("https://safer.example/notifications/n1");
    }
  });

  it("holds no name, address, phone number or free text from the demo partnership", () => {
    const leaks = personalData().filter((needle) => texts.some((text) => text.toLowerCase().includes(needle.toLowerCase())));
    expect(leaks).toEqual([]);
  });
});
