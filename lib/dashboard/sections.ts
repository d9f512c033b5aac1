import { can, type ActorLike } from "@/lib/auth/permissions";

// Which first screen a user gets, and in what order its sections come. Each kind of user leads
// with what they do first (issue 17): an officer logs incidents and works their actions, a chair
// triages referrals and readies the next meeting, a manager watches the organisation's workload
// and hands in returns, a viewer reads, an administrator administers. A user with more to do (a
// panel they sit on, referrals they made, victims to safeguard) sees those sections after their
// own, the ones needing something done first. Decided from permissions, never from role names.

export type DashboardFocus = "officer" | "chair" | "manager" | "viewer" | "administrator";

export type SectionKey =
  | "triage"
  | "next-meeting"
  | "workload"
  | "returns"
  | "trends"
  | "my-actions"
  | "information-requested"
  | "my-incidents"
  | "safeguarding"
  | "meetings"
  | "cases"
  | "powers"
  | "activity"
  | "administration";

export function dashboardFocusOf(actor: ActorLike): DashboardFocus {
  if (!can(actor, "case:read")) return "administrator";
  if (can(actor, "return:read-partnership")) return "manager";
  if (can(actor, "referral:triage")) return "chair";
  if (can(actor, "case:write")) return "officer";
  return "viewer";
}

/** Each focus's own sections, in this order, at the top of the page. */
export const LEAD_SECTIONS: Record<DashboardFocus, readonly SectionKey[]> = {
  officer: ["my-actions", "my-incidents"],
  chair: ["triage", "next-meeting"],
  manager: ["workload", "returns", "trends"],
  viewer: ["cases", "trends"],
  administrator: ["administration"],
};

/** The order of everything else, when equally urgent. */
const OTHER_SECTIONS: readonly SectionKey[] = [
  "information-requested",
  "safeguarding",
  "triage",
  "next-meeting",
  "my-actions",
  "meetings",
  "my-incidents",
  "powers",
  "workload",
  "returns",
  "cases",
  "activity",
  "trends",
  "administration",
];

/** The focus's own sections first (in their order), then the rest: those needing something done first. */
export function orderSections<S extends { key: SectionKey; urgent: boolean }>(focus: DashboardFocus, sections: readonly S[]): S[] {
  const lead = LEAD_SECTIONS[focus];
  const rank = (s: S) => {
    const own = lead.indexOf(s.key);
    if (own >= 0) return own;
    return lead.length + (s.urgent ? 0 : OTHER_SECTIONS.length) + OTHER_SECTIONS.indexOf(s.key);
  };
  return [...sections].sort((a, b) => rank(a) - rank(b));
}
