"use server";

import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formValues, parseWith } from "@/lib/forms";
import { caseFormErrorState, type CaseFormState } from "@/lib/cases/form-state";
import { recordRiskAssessment } from "./data";
import { ZAsbMatrixForm, ZDashForm } from "./schema";

// The risk assessment forms' server actions: parse the answers, record the assessment (the data
// layer computes the score and level), then show the case's risk page with the result.

async function record(formData: FormData, schema: typeof ZDashForm | typeof ZAsbMatrixForm): Promise<CaseFormState> {
  const actor = await requireActor();
  if (!can(actor, "case:write")) return { status: "error", message: "You do not have permission to assess risk on cases." };
  const values = formValues(formData);
  const parsed = parseWith(schema as z.ZodType<z.output<typeof ZDashForm> | z.output<typeof ZAsbMatrixForm>>, values, values);
  if (!parsed.ok) return parsed.state;
  const { caseId, input } = parsed.data;
  let recorded;
  try {
    recorded = await recordRiskAssessment(actor, caseId, input);
  } catch (error) {
    const state = caseFormErrorState(error, values);
    if (state) return state;
    throw error;
  }
  redirect(`/cases/${caseId}/risk?recorded=${recorded.id}`);
}

export async function recordDashAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return record(formData, ZDashForm);
}

export async function recordAsbMatrixAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return record(formData, ZAsbMatrixForm);
}
