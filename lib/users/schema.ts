import { z } from "zod";
import { Panel, Role, type PanelRequestKind } from "@/lib/generated/prisma/enums";
import { PANEL_TITLES } from "@/lib/panels/labels";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ZVersion } from "@/lib/forms";

// User administration inputs, shared by the admin forms and their server actions.

export const ROLE_HINTS: Record<Role, string> = {
  ADMIN: "Manages organisations, users and panels; reads the audit trail. Sees no case content.",
  MANAGER: "Works cases and manages their own organisation's users.",
  CHAIR: "Works cases; triages referrals and runs meetings for their panels.",
  OFFICER: "Records incidents and works cases.",
  VIEWER: "Reads incidents, people, places, cases and powers.",
};

const REQUEST_WORDS: Record<PanelRequestKind, (panel: string) => string> = {
  MEMBERSHIP: (panel) => `${panel} membership`,
  CHAIR: (panel) => `making them a ${panel} chair`,
  PASSWORD_RESET: () => "a password reset",
  REMOVE_TWO_FACTOR: () => "removing two-factor sign-in",
};

/** "MARAC membership": a change sent to a restricted panel's chairs, as the admin pages word it. */
export function describeRequestedChange(change: { panel: Panel; kind: PanelRequestKind }): string {
  return REQUEST_WORDS[change.kind](PANEL_TITLES[change.panel]);
}

const panels = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => (Array.isArray(raw) ? raw : raw ? [raw] : []))
  .pipe(z.array(z.enum(Panel, { error: "Choose a panel from the list" })))
  .transform((list) => [...new Set(list)].sort());

const role = z.enum(Role, { error: "Choose a role" });
const organisationId = z.uuid({ error: "Choose an organisation" });

export const ZInviteUserForm = z.object({
  name: z.string().trim().min(1, "Enter the user's full name").max(200, "Name must be 200 characters or fewer"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the user's email address")
    .max(320, "Email address must be 320 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.gov.uk" })),
  jobTitle: z
    .string()
    .trim()
    .max(200, "Job title must be 200 characters or fewer")
    .optional()
    .transform((v) => (v ? v : null)),
  organisationId,
  role,
  panels,
});
export type InviteUserInput = z.output<typeof ZInviteUserForm>;
export const INVITE_USER_FIELDS = ["name", "email", "jobTitle", "organisationId", "role", "panels"] as const;

export const ZUserAccessForm = z.object({
  userId: z.uuid(),
  version: ZVersion,
  organisationId,
  role,
  panels,
});
export type UserAccessInput = Omit<z.output<typeof ZUserAccessForm>, "userId" | "version">;
export const USER_ACCESS_FIELDS = ["organisationId", "role", "panels"] as const;

export const ZUserTarget = z.object({ userId: z.uuid() });

export const USER_ACTIONS = ["disable", "enable", "reset-password", "end-sessions", "remove-two-factor"] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

// The user list's filters, from the URL (a GET form).

export const USER_SORTS = ["name", "email", "organisation", "lastLogin"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export type UserFilters = { organisationId?: string; role?: Role; panel?: Panel; active?: boolean; text?: string };

export const USER_STATUS_LABELS = { active: "Active", disabled: "Disabled" } as const;

export function parseUserFilters(params: SearchParamsRecord): { filters: UserFilters; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const name of ["organisation", "role", "panel", "status", "q"]) {
    const value = firstParam(params[name])?.trim();
    if (value) values[name] = value.slice(0, 100);
  }
  const status = values.status;
  return {
    values,
    filters: {
      organisationId: z.uuid().safeParse(values.organisation).data,
      role: z.enum(Role).safeParse(values.role).data,
      panel: z.enum(Panel).safeParse(values.panel).data,
      active: status === "active" ? true : status === "disabled" ? false : undefined,
      text: values.q,
    },
  };
}
