"use server";

import { runFormAction } from "@/lib/form-action";
import { createIncident, getIncident, IncidentChangedError, likelyDuplicatesIn, updateIncident } from "./data";
import { applyChosenMatches, confirmationsOf, unansweredChoices } from "./likely-duplicates";
import type { FormValues } from "@/lib/forms";
import type { Actor } from "@/lib/auth/actor-type";
import { ZEditIncidentForm, ZNewIncidentForm, type IncidentInput } from "./schema";
import { lateReportBetween, type LateReport } from "./late-report";
import { conflictSummary } from "./describe";
import type { IncidentFormState } from "./form-state";

// The incident form's server actions (lib/form-action runs them): the data layer decides, and a
// save that lost a race shows what the other officer saved while keeping this one's input. An
// incident reported long after it happened is held back once, for the officer to check the dates.

/**
 * Reported long after it happened, and these dates not yet confirmed: the form comes back asking
 * the officer to check both (nothing is written). Confirmed, it is accepted as typed.
 */
function unconfirmedLateReport(input: IncidentInput, confirmed: string): LateReport | null {
  const late = lateReportBetween(input.occurredAt, input.reportedAt);
  return late && late.key !== confirmed ? late : null;
}

/** Each form row's key (people.N.rowKey), by the row's index. */
function rowKeysOf(values: FormValues): Record<number, string> {
  const keys: Record<number, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const row = /^people\.(\d+)\.rowKey$/.exec(key)?.[1];
    if (row !== undefined && typeof value === "string") keys[Number(row)] = value;
  }
  return keys;
}

/**
 * New people and a new place that are probably already recorded: the form comes back offering
 * them beside each row (nothing is written) until the officer chooses one or says "None of these".
 */
async function offerLikelyDuplicates(
  actor: Actor,
  input: IncidentInput,
  values: FormValues,
  submissionKey?: string,
): Promise<IncidentFormState | null> {
  const likely = await likelyDuplicatesIn(actor, input, confirmationsOf(values), rowKeysOf(values), submissionKey);
  if (!likely) return null;
  const unanswered = unansweredChoices(likely, values);
  return Object.keys(unanswered).length > 0
    ? { status: "invalid", values, likely, fieldErrors: unanswered }
    : { status: "matches", values, likely };
}

const NO_PERMISSION: IncidentFormState = { status: "error", message: "You do not have permission to log or change incidents." };
const NOT_FOUND = "This incident cannot be found. It may have been removed, or you may no longer have access to it.";

export async function logIncident(_previous: IncidentFormState, formData: FormData): Promise<IncidentFormState> {
  applyChosenMatches(formData);
  return runFormAction(formData, {
    permission: "incident:write",
    noPermission: NO_PERMISSION,
    schema: ZNewIncidentForm,
    notFound: NOT_FOUND,
    perform: async (actor, { input, submissionKey, lateDatesConfirmed }, values): Promise<string | IncidentFormState> => {
      const late = unconfirmedLateReport(input, lateDatesConfirmed);
      if (late) return { status: "idle", values, lateReport: late };
      const offered = await offerLikelyDuplicates(actor, input, values, submissionKey);
      if (offered) return offered;
      const logged = await createIncident(actor, input, submissionKey);
      return `/incidents/${logged.id}?logged=1`;
    },
  });
}

export async function saveIncident(_previous: IncidentFormState, formData: FormData): Promise<IncidentFormState> {
  applyChosenMatches(formData);
  return runFormAction(formData, {
    permission: "incident:write",
    noPermission: NO_PERMISSION,
    schema: ZEditIncidentForm,
    notFound: NOT_FOUND,
    errorState: async (error, values, actor): Promise<IncidentFormState | null> => {
      if (!(error instanceof IncidentChangedError)) return null;
      const incidentId = typeof values.incidentId === "string" ? values.incidentId : "";
      const parsed = ZEditIncidentForm.safeParse(values);
      const current = await getIncident(actor, incidentId);
      return {
        status: "conflict",
        message: error.message,
        values,
        conflict: parsed.success ? conflictSummary(current, parsed.data.input) : undefined,
      };
    },
    perform: async (actor, { incidentId, version, input, lateDatesConfirmed }, values): Promise<string | IncidentFormState> => {
      const late = unconfirmedLateReport(input, lateDatesConfirmed);
      if (late) return { status: "idle", values, lateReport: late };
      const offered = await offerLikelyDuplicates(actor, input, values);
      if (offered) return offered;
      await updateIncident(actor, incidentId, version, input);
      return `/incidents/${incidentId}?updated=1`;
    },
  });
}
