"use server";

import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import type { Permission } from "@/lib/auth/permissions";
import { runFormAction } from "@/lib/form-action";
import { formErrorState } from "@/lib/forms";
import { formatDate } from "@/lib/format/dates";
import { checkIssue, createPowerKind, changePowerStatus, issuePower, recordBreach, type IssueSummary } from "./data";
import type { PowerFormState } from "./form-state";
import { ZBreachForm, ZIssuePowerForm, ZPowerKindForm, ZPowerStatusForm } from "./schema";

// The powers forms' server actions: check who is asking, parse with the form's schema, call the
// data layer (which applies every rule), and turn its expected errors into words on the form.

const NOT_FOUND = "This power cannot be found. It may have been removed, or you may no longer have access to it.";

function submit<S extends z.ZodType>(
  formData: FormData,
  permission: Permission,
  schema: S,
  perform: (actor: Actor, data: z.output<S>) => Promise<string | PowerFormState>,
): Promise<PowerFormState> {
  return runFormAction(formData, {
    permission,
    noPermission: { status: "error", message: "You do not have permission to do that." },
    schema,
    errorState: (error, values) => formErrorState(error, values, NOT_FOUND),
    // A state shown on the form (the check step) keeps what was typed.
    perform: async (actor, data, values) => {
      const next = await perform(actor, data);
      return typeof next === "string" ? next : { ...next, values };
    },
  });
}

function reviewOf(s: IssueSummary) {
  const rows = [
    { key: "Kind of power", value: s.kind.name },
    { key: "Legal basis", value: s.kind.legalBasis },
    { key: "Issued to", value: s.subject },
    { key: "Place", value: s.place ?? "None" },
    { key: "Case", value: s.caseReference ?? "None" },
    { key: "Issuing organisation", value: s.organisation },
    { key: "Issuing officer", value: s.officer },
    { key: "Date issued", value: formatDate(s.issuedAt) },
    ...(s.pspo ? [{ key: "Issued under PSPO", value: `${s.pspo.reference}: ${s.pspo.name}` }] : []),
    { key: "Expiry date", value: s.expiresAt ? formatDate(s.expiresAt) : "No expiry" },
    { key: "Conditions", value: s.conditions ?? "None" },
  ];
  if (s.kind.needsCourt || s.courtName) rows.push({ key: "Court", value: s.courtName ?? "Not recorded" }, { key: "Hearing date", value: s.hearingAt ? formatDate(s.hearingAt) : "Not recorded" });
  return { heading: `You are about to record a ${s.kind.name} issued to ${s.subject}`, rows };
}

/** First post: checks and shows what will be recorded. Second post (confirmed=yes): records it. */
export async function issuePowerAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return submit(formData, "power:write", ZIssuePowerForm, async (actor, { submissionKey, confirmed, input }) => {
    if (!confirmed) return { status: "idle", review: reviewOf(await checkIssue(actor, input)) };
    const { id } = await issuePower(actor, input, submissionKey);
    return `/powers/${id}?notice=issued`;
  });
}

export async function changePowerStatusAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return submit(formData, "power:write", ZPowerStatusForm, async (actor, { powerId, version, input }) => {
    await changePowerStatus(actor, powerId, version, input);
    return `/powers/${powerId}?notice=status`;
  });
}

export async function recordBreachAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return submit(formData, "power:write", ZBreachForm, async (actor, { powerId, version, input }) => {
    await recordBreach(actor, powerId, version, input);
    return `/powers/${powerId}?notice=breach`;
  });
}

export async function addPowerKindAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return submit(formData, "power-kind:manage", ZPowerKindForm, async (actor, input) => {
    await createPowerKind(actor, input);
    return "/powers/kinds?notice=kind-added";
  });
}
