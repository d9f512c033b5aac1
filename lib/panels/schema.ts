import { z } from "zod";
import { Panel } from "@/lib/generated/prisma/enums";
import { ZVersion } from "@/lib/forms";

// The panel page's forms (lib/panels/actions.ts), shared with the client forms.

const panel = z.enum(Panel);

export const ZPanelDecisionForm = z.object({
  requestId: z.uuid(),
  version: ZVersion,
  decision: z.enum(["approve", "refuse"], { error: "Choose whether to approve or refuse the request" }),
  note: z
    .string()
    .trim()
    .max(500, "The reason must be 500 characters or fewer")
    .optional()
    .transform((v) => (v ? v : null)),
});
export const PANEL_DECISION_FIELDS = ["decision", "note"] as const;

export const ZPanelGrantForm = z.object({
  panel,
  email: z.string().trim().toLowerCase().min(1, "Enter their email address").max(320, "Email address must be 320 characters or fewer"),
});
export const PANEL_GRANT_FIELDS = ["email"] as const;

export const ZPanelRemoveForm = z.object({ panel, userId: z.uuid() });
