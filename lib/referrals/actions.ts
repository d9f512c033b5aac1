"use server";

import { revalidatePath } from "next/cache";
import { runFormAction } from "@/lib/form-action";
import type { FormState } from "@/lib/forms";
import {
  addReferralInformation,
  checkTriage,
  checkWithdrawal,
  createReferral,
  recordTransferOut,
  triageReferral,
  withdrawReferral,
} from "./data";
import type { ReferralFormState } from "./form-state";
import { ZAddInformationForm, ZReferralForm, ZTransferOutForm, ZTriageForm, ZWithdrawForm } from "./schema";

// The referral forms' server actions (lib/form-action runs them: who is asking, the form's schema,
// expected errors in words on the form); the data layer applies every rule.

const NOT_FOUND = "This referral or case cannot be found. It may have been removed, or you may no longer have access to it.";
const referrers = { permission: "referral:create", notFound: NOT_FOUND } as const;

export async function createReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return runFormAction(formData, {
    ...referrers,
    schema: ZReferralForm,
    perform: async (actor, { submissionKey, input }) => {
      const { id } = await createReferral(actor, input, submissionKey);
      revalidatePath("/referrals");
      return `/referrals/${id}?notice=referred`;
    },
  });
}

/** First post: checks and shows the decision. Second post (confirmed=yes): records it. */
export async function triageReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return runFormAction<typeof ZTriageForm, ReferralFormState>(formData, {
    permission: "referral:triage",
    notFound: NOT_FOUND,
    schema: ZTriageForm,
    perform: async (actor, { referralId, version, confirmed, input }, values) => {
      if (!confirmed) return { status: "idle", values, review: await checkTriage(actor, referralId, version, input) };
      const { outcome } = await triageReferral(actor, referralId, version, input);
      revalidatePath("/referrals");
      const notice = outcome === "ACCEPTED" ? "accepted" : outcome === "DECLINED" ? "declined" : "more-info";
      return `/referrals/${referralId}?notice=${notice}`;
    },
  });
}

export async function addReferralInformationAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return runFormAction(formData, {
    ...referrers,
    schema: ZAddInformationForm,
    perform: async (actor, { referralId, version, information }) => {
      await addReferralInformation(actor, referralId, version, information);
      revalidatePath("/referrals");
      return `/referrals/${referralId}?notice=info-added`;
    },
  });
}

/** First post: checks and shows what withdrawing will do. Second post (confirmed=yes): withdraws. */
export async function withdrawReferralAction(_previous: ReferralFormState, formData: FormData): Promise<ReferralFormState> {
  return runFormAction<typeof ZWithdrawForm, ReferralFormState>(formData, {
    ...referrers,
    schema: ZWithdrawForm,
    perform: async (actor, { referralId, version, reason, confirmed }, values) => {
      if (!confirmed) return { status: "idle", values, review: await checkWithdrawal(actor, referralId, version, reason) };
      await withdrawReferral(actor, referralId, version, reason);
      revalidatePath("/referrals");
      return `/referrals/${referralId}?notice=withdrawn`;
    },
  });
}

/** A MARAC case transferred out to another area: recorded on the case (lib/referrals/data/transfers), never triaged. */
export async function recordTransferOutAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "case:write",
    notFound: "This case cannot be found. It may have been removed, or you may no longer have access to it.",
    schema: ZTransferOutForm,
    perform: async (actor, { submissionKey, caseId, input }) => {
      const { id } = await recordTransferOut(actor, caseId, input, submissionKey);
      revalidatePath(`/cases/${caseId}`);
      return `/cases/${caseId}/transfer-out?recorded=${id}`;
    },
  });
}
