import { z } from "zod";
import { NotificationDelivery } from "@/lib/generated/prisma/enums";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { CHOOSABLE_KINDS } from "./kinds";

// The notifications forms. The preferences form posts one radio group per kind that has a choice,
// named after the kind; anything else posted is ignored (security messages have no choice).

export const ZPreferencesForm = z
  .object(
    Object.fromEntries(
      CHOOSABLE_KINDS.map((kind) => [kind, z.enum(NotificationDelivery, { error: "Choose how you get this" }).optional()]),
    ),
  )
  .transform((choices) => choices as Partial<Record<NotificationKind, NotificationDelivery>>);

export const ZNothing = z.object({});
