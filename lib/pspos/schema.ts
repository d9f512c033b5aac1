import { z } from "zod";
import { calendarDate, formatDate } from "@/lib/format/dates";
import { checkDateParts } from "@/lib/incidents/date-fields";
import { ZOptionalId, ZSubmissionKey } from "@/lib/forms";
import { latestEndFor } from "./status";

// The new-PSPO form's schema, used by the server action and the tests. Dates arrive as the three
// GOV.UK inputs (startsOn-day, -month, -year) and become calendar days (`@db.Date`). The making
// organisation is never in the input: it is the actor's.

export const PSPO_TEXT_MAX = 8000;

export type CreatePspoInput = {
  name: string;
  area: string;
  locationId: string | null;
  prohibitions: string;
  startsOn: Date;
  endsOn: Date;
};

function calendarDay(subject: string) {
  return z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() }).transform((parts, ctx) => {
    const checked = checkDateParts(parts, subject, true);
    if (!checked.ok || !checked.value) {
      ctx.addIssue({ code: "custom", message: checked.ok ? `Enter ${subject}` : checked.message });
      return z.NEVER;
    }
    return calendarDate(checked.value.year, checked.value.month, checked.value.day);
  });
}

const DATES = ["startsOn", "endsOn"] as const;

export const ZCreatePspoForm = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values = { ...(raw as Record<string, unknown>) };
    for (const f of DATES) values[f] = { day: values[`${f}-day`], month: values[`${f}-month`], year: values[`${f}-year`] };
    return values;
  },
  z
    .object({
      submissionKey: ZSubmissionKey,
      name: z
        .string({ error: "Enter the name of the PSPO" })
        .trim()
        .min(1, "Enter the name of the PSPO")
        .max(200, "The name must be 200 characters or fewer"),
      area: z
        .string({ error: "Describe the restricted area" })
        .trim()
        .min(1, "Describe the restricted area")
        .max(2000, "The area description must be 2,000 characters or fewer"),
      locationId: ZOptionalId("Select the place from the list"),
      prohibitions: z
        .string({ error: "Enter the prohibitions or requirements" })
        .trim()
        .min(1, "Enter the prohibitions or requirements, one per line")
        .max(PSPO_TEXT_MAX, `The prohibitions must be ${PSPO_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`),
      startsOn: calendarDay("the date the PSPO comes into force"),
      endsOn: calendarDay("the date the PSPO ends"),
    })
    .superRefine((f, ctx) => {
      if (f.endsOn.getTime() <= f.startsOn.getTime()) {
        ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The date the PSPO ends must be after the date it comes into force" });
        return;
      }
      const latest = latestEndFor(f.startsOn);
      if (f.endsOn.getTime() > latest.getTime()) {
        ctx.addIssue({
          code: "custom",
          path: ["endsOn"],
          message: `A PSPO can last no more than 3 years (section 60 of the Anti-social Behaviour, Crime and Policing Act 2014). The date it ends must be on or before ${formatDate(latest)}.`,
        });
      }
    })
    .transform(({ submissionKey, ...input }) => ({ submissionKey, input: input satisfies CreatePspoInput })),
);

export const CREATE_PSPO_FIELDS = ["name", "area", "locationId", "prohibitions", "startsOn", "endsOn"] as const;
