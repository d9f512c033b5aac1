import "server-only";

// CCM and MARAC meetings: scheduling, the agenda, the pre-meeting pack, meeting mode and minutes.
// Who may see and run what is decided in ../access.ts; every function here starts from it.
//
// THE AGENDA is built from
// - accepted referrals to the panel (the referrals chair accepts a referral onto a scheduled
//   meeting, or, when none was scheduled, the next meeting scheduled picks it up), and
// - cases due for review (REVIEW_RULE in scheduling.ts): a case that is not closed and still has
//   an open action agreed at an earlier, closed meeting of the same panel, and is not already on a
//   scheduled or running meeting of that panel. The panel agreed the work, so the panel checks it.
// The chair can add any other case they may see, and reorders the agenda item by item.
//
// CANCELLING: a chair of the panel cancels a scheduled meeting, with a reason; the cases on its
// agenda move to another scheduled meeting or their referrals go back to the triage queue
// (cancelMeeting in cancelling.ts). Nothing of a cancelled meeting can be started, run or closed:
// every change goes through meetingForChange (shared.ts), which refuses a meeting that is not
// scheduled or running.
//
// MOVING: before it starts, a chair moves a scheduled meeting to another date, time or venue
// (rescheduling.ts); the invited are told, and their calendars move the same event.
//
// MEETING MODE: per case, the chair records the discussion, the decision, marks it reviewed and
// agrees actions on the spot for organisations attending. Each save is one transaction: the item
// (version-checked), a DISCUSSED_AT_MEETING timeline entry, each action with its ACTION_CREATED
// timeline entry (and, on an unrestricted case, a share with the organisation given the action,
// so nobody gets work on a case they cannot open), and the audit entries. Any failure leaves nothing.
//
// One file per part; this one is the public face, so that callers import "@/lib/meetings/data".
// The words (panel names, statuses, the MARAC marking) are in ../labels.ts.

export { describeMeeting, MeetingChangedError } from "./shared";
export { listMeetings, MEETING_SORTS, nextMeetings, type MeetingListRow, type MeetingSort, type MeetingWhen } from "./lists";
export { meetingToReschedule, rescheduleMeeting } from "./rescheduling";
export { heldAlready, mayScheduleMeetings, REVIEW_RULE, scheduleChoices, scheduleMeeting, type ScheduleChoices } from "./scheduling";
export {
  addCaseToAgenda,
  getMeeting,
  moveAgendaItem,
  reviewCandidates,
  type AgendaItemView,
  type MeetingView,
  type ReviewCandidate,
} from "./agenda";
export { getMeetingForRun, getMeetingPack, type MeetingOfficer, type MeetingPack, type PackAction, type PackItem } from "./pack";
export { AgendaItemChangedError, saveAgendaItem, startMeeting } from "./running";
export { checkCloseMeeting, closeMeeting, type CloseCheck } from "./closing";
export { auditMinutesExport, getMinutes, type Minutes, type MinutesAction } from "./minutes";
export { cancellationFor, cancelMeeting, checkCancelMeeting, type Cancellation, type CancellationPage } from "./cancelling";
export { nextMeetingReadiness, type AgendaReadiness } from "./readiness";
export { correctionsOf, correctMeeting, meetingToCorrect, type MeetingCorrectionView } from "./corrections";
