import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel } from "@/lib/auth/permissions";
import { panelSlug } from "@/lib/panels/rules";

// Which sections of the service an actor is offered. This only decides what the menu shows:
// every page and action still checks access on the server.

export type NavigationItem = { href: string; label: string };

type ActorForNavigation = Pick<Actor, "role" | "panels">;

type Section = NavigationItem & { shownTo: (actor: ActorForNavigation) => boolean; hrefFor?: (actor: ActorForNavigation) => string };

/** The panel a chair reviews the access of (the first they chair). */
const chairedPanel = (a: ActorForNavigation) => a.panels.find((panel) => chairsPanel(a, panel));

const SECTIONS: readonly Section[] = [
  { href: "/", label: "Dashboard", shownTo: () => true },
  { href: "/incidents", label: "Incidents", shownTo: (a) => can(a, "incident:read") },
  { href: "/people", label: "People", shownTo: (a) => can(a, "person:read") },
  { href: "/places", label: "Places", shownTo: (a) => can(a, "place:read") },
  { href: "/cases", label: "Cases", shownTo: (a) => can(a, "case:read") },
  { href: "/actions", label: "Actions", shownTo: (a) => can(a, "case:read") },
  { href: "/powers", label: "Powers", shownTo: (a) => can(a, "power:read") },
  {
    href: "/referrals",
    label: "Referrals",
    shownTo: (a) => can(a, "referral:create") || can(a, "referral:triage"),
  },
  // Meetings belong to panels (CCM, MARAC): only panel members who can read cases take part.
  { href: "/meetings", label: "Meetings", shownTo: (a) => a.panels.length > 0 && can(a, "case:read") },
  { href: "/returns", label: "Returns", shownTo: (a) => can(a, "return:read") },
  { href: "/imports", label: "Import", shownTo: (a) => can(a, "import:run") },
  // A panel's chairs review who is on it and decide requests to join it.
  {
    href: "/panels",
    label: "Panel access",
    shownTo: (a) => chairedPanel(a) !== undefined,
    hrefFor: (a) => `/panels/${panelSlug(chairedPanel(a)!)}`,
  },
  { href: "/admin", label: "Admin", shownTo: (a) => can(a, "admin:access") },
];

export function navigationFor(actor: ActorForNavigation): NavigationItem[] {
  return SECTIONS.filter((section) => section.shownTo(actor)).map(({ href, label, hrefFor }) => ({
    href: hrefFor ? hrefFor(actor) : href,
    label,
  }));
}

/** Whether `pathname` is in the section at `href` ("/" only matches the dashboard itself). */
export function isCurrentSection(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
