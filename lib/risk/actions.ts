"use server";

import type { z } from "zod";
import { runFormAction } from "@/lib/form-action";
import { CASE_NOT_FOUND, type CaseFormState } from "@/lib/cases/form-state";
import { recordRiskAssessment } from "./data";
import { ZAsbMatrixForm, ZDashForm } from "./schema";

// The risk assessment forms' server actions: parse the answers, record the assessment (the data
// layer computes the score and level), then show the case's risk page with the result.

function record(formData: FormData, schema: typeof ZDashForm | typeof ZAsbMatrixForm): Promise<CaseFormState> {
  return runFormAction(formData, {
    permission: "case:write",
    noPermission: { status: "error", message: "You do not have permission to assess risk on cases." },
    schema: schema as z.ZodType<z.output<typeof ZDashForm> | z.output<typeof ZAsbMatrixForm>>,
    notFound: CASE_NOT_FOUND,
    perform: async (actor, { caseId, input, submissionKey }) => {
      const recorded = await recordRiskAssessment(actor, caseId, input, submissionKey);
      return `/cases/${caseId}/risk?recorded=${recorded.id}`;
    },
  });
}

export async function recordDashAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return record(formData, ZDashForm);
}

export async function recordAsbMatrixAction(_previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return record(formData, ZAsbMatrixForm);
}
