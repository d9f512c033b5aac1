import { z } from "zod";
import { Panel } from "@/lib/generated/prisma/enums";
import { londonDateParts } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay } from "@/lib/incidents/date-fields";
import { HAPPENED_ON, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";
import { CHOOSABLE_GROUNDS, TRIAGE_OUTCOMES, type ChoosableGround, type TriageOutcome } from "./labels";
import { asList, ZOptionalId, ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";

// One zod schema per referral form, used by the server action (and the tests). The data layer
// checks what no schema can: the case and its people, the DASH score, the meeting, who decides,
// and whether a date given for something that already happened is in order (lib/history).

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
  /** A transfer in from another area's MARAC, or none. A transfer out is recorded on the case (lib/referrals/data/transfers), never referred. */
  transferDirection: "NONE" | "TRANSFER_IN";
  transferArea: string | null;
  /** When the referral was made, if before today (lib/history); null for now. */
  happenedOn?: CalendarDay | null;
};

/** The other area's name, for a transfer in and a transfer out alike. */
export const TRANSFER_AREA_MAX = 120;

export const ZReferralForm = z.preprocess(
  withHappenedOn,
  z
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
      // "Is this a transfer from another area's MARAC?": yes (TRANSFER_IN) or no. TRANSFER_OUT is
      // no longer a kind of referral, so it is refused like any value the form does not offer.
      transferDirection: z
        .enum(["NONE", "TRANSFER_IN"], { error: "Select whether this is a transfer from another area's MARAC" })
        .optional()
        .default("NONE"),
      transferArea: ZOptionalText("The area's name", TRANSFER_AREA_MAX),
      [HAPPENED_ON]: ZHappenedOn,
    })
    .superRefine((f, ctx) => {
      if (f.panel === "MARAC" && f.transferDirection === "TRANSFER_IN" && !f.transferArea) {
        ctx.addIssue({ code: "custom", path: ["transferArea"], message: "Enter the area the case is transferred from" });
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
        happenedOn: f.happenedOn,
      };
      return { submissionKey, input };
    }),
);

export const REFERRAL_FIELDS = [
  "panel",
  "reason",
  "grounds",
  "victimPersonId",
  "perpetratorPersonId",
  "childrenInHousehold",
  "transferDirection",
  "transferArea",
  HAPPENED_ON,
] as const;

const ZReferralId = z.uuid({ error: "This referral cannot be found. Go back to the referrals and try again." });

/** `happenedOn`: the day the decision was made, if before today (lib/history); null for now. */
export type TriageInput = { outcome: TriageOutcome; meetingId: string | null; note: string | null; happenedOn?: CalendarDay | null };

export const ZTriageForm = z.preprocess(
  withHappenedOn,
  z
    .object({
      referralId: ZReferralId,
      version: ZVersion,
      outcome: z.enum(TRIAGE_OUTCOMES, { error: "Select a decision" }),
      meetingId: ZOptionalId("Select the meeting from the list"),
      note: ZOptionalText("The note", 2000),
      /** "yes" once the chair has seen the check step. */
      confirmed: z.string().optional(),
      [HAPPENED_ON]: ZHappenedOn,
    })
    .superRefine((f, ctx) => {
      // A decision made today lists the case at a meeting. One made earlier, recorded afterwards,
      // may leave it unlisted: the case joins the meeting recorded as held after it (lib/meetings).
      if (f.outcome === "ACCEPTED" && !f.meetingId && !f.happenedOn)
        ctx.addIssue({ code: "custom", path: ["meetingId"], message: "Select the meeting to list the case at" });
      if (f.outcome === "DECLINED" && !f.note)
        ctx.addIssue({ code: "custom", path: ["note"], message: "Enter the reason for declining the referral" });
      if (f.outcome === "MORE_INFO_REQUESTED" && !f.note)
        ctx.addIssue({ code: "custom", path: ["note"], message: "Enter the information you need from the referrer" });
    })
    .transform(({ referralId, version, confirmed, outcome, meetingId, note, happenedOn }) => ({
      referralId,
      version,
      confirmed: confirmed === "yes",
      input: { outcome, meetingId: outcome === "ACCEPTED" ? meetingId : null, note, happenedOn } satisfies TriageInput,
    })),
);

export const TRIAGE_FIELDS = ["outcome", "meetingId", "note", HAPPENED_ON] as const;

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

// ───────────────────────────── Transfer out ─────────────────────────────

export const TRANSFER_REASON_MAX = 2000;

/** The transfer-out form's date: three boxes (transferredOn-day, -month, -year), required. */
export const TRANSFERRED_ON = "transferredOn";

/** A case transferred out to another area's MARAC: where, when (a day, never in the future) and why. */
export type TransferOutInput = { area: string; reason: string; transferredOn: CalendarDay };

const ZTransferredOn = z
  .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
  .transform((parts, ctx): CalendarDay => {
    const checked = checkDateParts(parts, "the date of the transfer", true, { latestYear: Number(londonDateParts(new Date()).year) });
    if (!checked.ok || !checked.value) {
      ctx.addIssue({ code: "custom", message: checked.ok ? "Enter the date of the transfer" : checked.message });
      return z.NEVER;
    }
    return checked.value;
  });

export const ZTransferOutForm = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const values = raw as Record<string, unknown>;
    return {
      ...values,
      [TRANSFERRED_ON]: {
        day: values[`${TRANSFERRED_ON}-day`],
        month: values[`${TRANSFERRED_ON}-month`],
        year: values[`${TRANSFERRED_ON}-year`],
      },
    };
  },
  z
    .object({
      submissionKey: ZSubmissionKey,
      caseId: z.uuid({ error: "This case cannot be found. Go back to the case and try again." }),
      area: z
        .string({ error: "Enter the area the case is transferred to" })
        .trim()
        .min(1, "Enter the area the case is transferred to")
        .max(TRANSFER_AREA_MAX, `The area's name must be ${TRANSFER_AREA_MAX} characters or fewer`),
      [TRANSFERRED_ON]: ZTransferredOn,
      reason: z
        .string({ error: "Enter why the case is transferred" })
        .trim()
        .min(1, "Enter why the case is transferred")
        .max(TRANSFER_REASON_MAX, `The reason must be ${TRANSFER_REASON_MAX.toLocaleString("en-GB")} characters or fewer`),
    })
    .transform(({ submissionKey, caseId, area, reason, transferredOn }) => ({
      submissionKey,
      caseId,
      input: { area, reason, transferredOn } satisfies TransferOutInput,
    })),
);

export const TRANSFER_OUT_FIELDS = ["area", TRANSFERRED_ON, "reason"] as const;
