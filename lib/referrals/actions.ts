"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor-type";
import type { Permission } from "@/lib/auth/permissions";
import { runFormAction } from "@/lib/form-action";
import { formErrorState } from "@/lib/forms";
import { addReferralInformation, checkTriage, checkWithdrawal, createReferral, triageReferral, withdrawReferral } from "./data";
import type { ReferralFormState } from "./form-state";
import { ZAddInformationForm, ZReferralForm, ZTriageForm, ZWithdrawForm } from "./schema";

// The referral forms' server actions: check who is asking, parse with the form's schema, call the
// data layer (which applies every rule), and turn its expected errors into words on the form.

const NOT_FOUND = "This referral or case cannot be found. It may have been removed, or you may no longer have access to it.";

function submit<S extends z.ZodType>(
  formData: FormData,
  permission: Permission,
  schema: S,
  perform: (actor: Actor, data: z.output<S>) => Promise<string | ReferralFormState>,
): Promise<ReferralFormState> {
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

export async function createReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return submit(formData, "referral:create", ZReferralForm, async (actor, { submissionKey, input }) => {
    const { id } = await createReferral(actor, input, submissionKey);
    revalidatePath("/referrals");
    return `/referrals/${id}?notice=referred`;
  });
}

/** First post: checks and shows the decision. Second post (confirmed=yes): records it. */
export async function triageReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return submit(formData, "referral:triage", ZTriageForm, async (actor, { referralId, version, confirmed, input }) => {
    if (!confirmed) return { status: "idle", review: await checkTriage(actor, referralId, version, input) };
    const { outcome } = await triageReferral(actor, referralId, version, input);
    revalidatePath("/referrals");
    const notice = outcome === "ACCEPTED" ? "accepted" : outcome === "DECLINED" ? "declined" : "more-info";
    return `/referrals/${referralId}?notice=${notice}`;
  });
}

export async function addReferralInformationAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return submit(formData, "referral:create", ZAddInformationForm, async (actor, { referralId, version, information }) => {
    await addReferralInformation(actor, referralId, version, information);
    revalidatePath("/referrals");
    return `/referrals/${referralId}?notice=info-added`;
  });
}

/** First post: checks and shows what withdrawing will do. Second post (confirmed=yes): withdraws. */
export async function withdrawReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return submit(formData, "referral:create", ZWithdrawForm, async (actor, { referralId, version, reason, confirmed }) => {
    if (!confirmed) return { status: "idle", review: await checkWithdrawal(actor, referralId, version, reason) };
    await withdrawReferral(actor, referralId, version, reason);
    revalidatePath("/referrals");
    return `/referrals/${referralId}?notice=withdrawn`;
  });
}
