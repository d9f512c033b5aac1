import "server-only";

// Referrals of a case to the CCM or the MARAC, and the panel chair's triage.
//
// WHO SEES A REFERRAL: lib/referrals/access visibleReferralsWhere, for every read in this folder
// (lists, the triage queue, one referral, the dashboard's counts, the case page). Anything else
// answers NotFoundError, like a missing referral, and the refusal is audited.
// WHO REFERS: anyone with referral:create, on a case they can see (visibleCasesWhere). A
// restricted (MARAC) case goes to the MARAC only and any other case to the CCM only, so a MARAC
// referral, its timeline entries and its case are always seen by the same people.
// WHO TRIAGES: the chair of that panel only (chairsPanel + referral:triage).
// WHO WITHDRAWS: the referrer, or a manager of the referring organisation (lib/referrals/access
// mayWithdrawReferral), while the chair has not decided (PENDING or MORE_INFO_REQUESTED).
// WHO RECORDS A TRANSFER OUT: a MARAC panel member with case:write, on a MARAC case they can see
// (lib/referrals/access mayRecordTransferOut); it is recorded on the case, never triaged.
// Every write puts the referral, its triage history, its case timeline entry, the agenda item (on
// accepting) and its audit entry in one transaction; decisions check the referral's version so
// two chairs cannot both decide.
//
// One file per part; this one is the public face, so that callers import "@/lib/referrals/data".

export type { ReferralFilters } from "@/lib/referrals/filters";
export { chairedPanels, panelFor, ReferralChangedError, type TriageReview } from "./shared";
export { createReferral, referralFormFor, type ReferralFormChoices } from "./referring";
export {
  countAwaitingTriage,
  listReferrals,
  REFERRAL_SORTS,
  referralsNeedingInformation,
  referralsOfCase,
  type ReferralListRow,
  type ReferralScope,
  type ReferralSort,
} from "./lists";
export { getReferral, type MeetingChoice, type ReferralDetail, type TriageFacts } from "./detail";
export { addReferralInformation, checkTriage, triageReferral } from "./triage";
export { checkWithdrawal, withdrawalFor, withdrawReferral, type WithdrawalPage } from "./withdrawal";
export { recordTransferOut, transferOutFormFor, transfersOutOfCase, type TransferOutPage, type TransferOutRow } from "./transfers";
