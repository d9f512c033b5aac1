import { z } from "zod";
import { Panel, TransferDirection } from "@/lib/generated/prisma/enums";
import { CHOOSABLE_GROUNDS, TRIAGE_OUTCOMES, type ChoosableGround, type TriageOutcome } from "./labels";
import { asList, ZOptionalId, ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";

// One zod schema per referral form, used by the server action (and the tests). The data layer
// checks what no schema can: the case and its people, the DASH score, the meeting, who decides.

export const REFERRAL_TEXT_MAX = 4000;

export type ReferralInput = {
  caseId: string;
  panel: Panel;
  reason: string;
  /** Chosen grounds (MARAC only); REPEAT is added by the data layer when it applies. */
  grounds: ChoosableGround[];
  victimPersonId: string | null;
  perpetratorPersonId: string | null;
  childrenInHousehold: number | null;
  transferDirection: TransferDirection;
  transferArea: string | null;
};

export const ZReferralForm = z
  .object({
    submissionKey: ZSubmissionKey,
    caseId: z.uuid({ error: "This case cannot be found. Go back to the case and try again." }),
    panel: z.enum(Panel, { error: "Select the panel to refer the case to" }),
    reason: z
      .string({ error: "Enter the reason for referral" })
      .trim()
      .min(1, "Enter the reason for referral")
      .max(REFERRAL_TEXT_MAX, `The reason must be ${REFERRAL_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`),
    grounds: z.preprocess(asList, z.array(z.enum(CHOOSABLE_GROUNDS, { error: "Select grounds from the list" }))),
    victimPersonId: ZOptionalId("Select the victim from the list"),
    perpetratorPersonId: ZOptionalId("Select the alleged perpetrator from the list"),
    childrenInHousehold: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        if (!/^\d{1,2}$/.test(v) || Number(v) > 20) {
          ctx.addIssue({
            code: "custom",
            message: "Enter the number of children in the household as a whole number from 0 to 20, or leave it blank",
          });
          return z.NEVER;
        }
        return Number(v);
      }),
    transferDirection: z.enum(TransferDirection, { error: "Select whether this is a transfer between areas" }).optional().default("NONE"),
    transferArea: ZOptionalText("The other area's name", 120),
  })
  .superRefine((f, ctx) => {
    if (f.panel === "MARAC" && f.transferDirection !== "NONE" && !f.transferArea) {
      ctx.addIssue({ code: "custom", path: ["transferArea"], message: "Enter the name of the other area" });
    }
    if (f.victimPersonId && f.victimPersonId === f.perpetratorPersonId) {
      ctx.addIssue({
        code: "custom",
        path: ["perpetratorPersonId"],
        message: "The alleged perpetrator cannot be the victim. Select someone else.",
      });
    }
  })
  .transform(({ submissionKey, ...f }) => {
    const marac = f.panel === "MARAC";
    // Grounds, children and transfers are MARAC's (the SafeLives dataset); a CCM referral has none.
    const input: ReferralInput = {
      caseId: f.caseId,
      panel: f.panel,
      reason: f.reason,
      grounds: marac ? [...new Set(f.grounds)] : [],
      victimPersonId: f.victimPersonId,
      perpetratorPersonId: f.perpetratorPersonId,
      childrenInHousehold: marac ? f.childrenInHousehold : null,
      transferDirection: marac ? f.transferDirection : "NONE",
      transferArea: marac && f.transferDirection !== "NONE" ? f.transferArea : null,
    };
    return { submissionKey, input };
  });

export const REFERRAL_FIELDS = [
  "panel",
  "reason",
  "grounds",
  "victimPersonId",
  "perpetratorPersonId",
  "childrenInHousehold",
  "transferDirection",
  "transferArea",
] as const;

const ZReferralId = z.uuid({ error: "This referral cannot be found. Go back to the referrals and try again." });

export type TriageInput = { outcome: TriageOutcome; meetingId: string | null; note: string | null };

export const ZTriageForm = z
  .object({
    referralId: ZReferralId,
    version: ZVersion,
    outcome: z.enum(TRIAGE_OUTCOMES, { error: "Select a decision" }),
    meetingId: ZOptionalId("Select the meeting from the list"),
    note: ZOptionalText("The note", 2000),
    /** "yes" once the chair has seen the check step. */
    confirmed: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.outcome === "ACCEPTED" && !f.meetingId)
      ctx.addIssue({ code: "custom", path: ["meetingId"], message: "Select the meeting to list the case at" });
    if (f.outcome === "DECLINED" && !f.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Enter the reason for declining the referral" });
    if (f.outcome === "MORE_INFO_REQUESTED" && !f.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Enter the information you need from the referrer" });
  })
  .transform(({ referralId, version, confirmed, outcome, meetingId, note }) => ({
    referralId,
    version,
    confirmed: confirmed === "yes",
    input: { outcome, meetingId: outcome === "ACCEPTED" ? meetingId : null, note } satisfies TriageInput,
  }));

export const TRIAGE_FIELDS = ["outcome", "meetingId", "note"] as const;

export const ZAddInformationForm = z.object({
  referralId: ZReferralId,
  version: ZVersion,
  information: z
    .string({ error: "Enter the information the chair asked for" })
    .trim()
    .min(1, "Enter the information the chair asked for")
    .max(REFERRAL_TEXT_MAX, `The information must be ${REFERRAL_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`),
});

export const ADD_INFORMATION_FIELDS = ["information"] as const;

export const WITHDRAW_REASON_MAX = 2000;

export const ZWithdrawForm = z
  .object({
    referralId: ZReferralId,
    version: ZVersion,
    reason: z
      .string({ error: "Enter why you are withdrawing the referral" })
      .trim()
      .min(1, "Enter why you are withdrawing the referral")
      .max(WITHDRAW_REASON_MAX, `The reason must be ${WITHDRAW_REASON_MAX.toLocaleString("en-GB")} characters or fewer`),
    /** "yes" once the referrer has seen the check step. */
    confirmed: z.string().optional(),
  })
  .transform(({ confirmed, ...f }) => ({ ...f, confirmed: confirmed === "yes" }));

export const WITHDRAW_FIELDS = ["reason"] as const;
