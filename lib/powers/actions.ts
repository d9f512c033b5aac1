"use server";

import { runFormAction } from "@/lib/form-action";
import { formatDate } from "@/lib/format/dates";
import { checkIssue, createPowerKind, changePowerStatus, issuePower, recordBreach, type IssueSummary } from "./data";
import type { PowerFormState } from "./form-state";
import { ZBreachForm, ZIssuePowerForm, ZPowerKindForm, ZPowerStatusForm } from "./schema";

// The powers forms' server actions (lib/form-action runs them: who is asking, the form's schema,
// expected errors in words on the form); the data layer applies every rule.

const NOT_FOUND = "This power cannot be found. It may have been removed, or you may no longer have access to it.";
const recorders = { permission: "power:write", notFound: NOT_FOUND } as const;

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
  if (s.kind.needsCourt || s.courtName)
    rows.push(
      { key: "Court", value: s.courtName ?? "Not recorded" },
      { key: "Hearing date", value: s.hearingAt ? formatDate(s.hearingAt) : "Not recorded" },
    );
  return { heading: `You are about to record a ${s.kind.name} issued to ${s.subject}`, rows };
}

/** First post: checks and shows what will be recorded. Second post (confirmed=yes): records it. */
export async function issuePowerAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return runFormAction<typeof ZIssuePowerForm, PowerFormState>(formData, {
    ...recorders,
    schema: ZIssuePowerForm,
    perform: async (actor, { submissionKey, confirmed, input }, values) => {
      if (!confirmed) return { status: "idle", values, review: reviewOf(await checkIssue(actor, input)) };
      const { id } = await issuePower(actor, input, submissionKey);
      return `/powers/${id}?notice=issued`;
    },
  });
}

export async function changePowerStatusAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return runFormAction(formData, {
    ...recorders,
    schema: ZPowerStatusForm,
    perform: async (actor, { powerId, version, input }) => {
      await changePowerStatus(actor, powerId, version, input);
      return `/powers/${powerId}?notice=status`;
    },
  });
}

export async function recordBreachAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return runFormAction(formData, {
    ...recorders,
    schema: ZBreachForm,
    perform: async (actor, { powerId, version, input }) => {
      await recordBreach(actor, powerId, version, input);
      return `/powers/${powerId}?notice=breach`;
    },
  });
}

export async function addPowerKindAction(_previous: PowerFormState, formData: FormData): Promise<PowerFormState> {
  return runFormAction(formData, {
    permission: "power-kind:manage",
    notFound: NOT_FOUND,
    schema: ZPowerKindForm,
    perform: async (actor, input) => {
      await createPowerKind(actor, input);
      return "/powers/kinds?notice=kind-added";
    },
  });
}
