import "server-only";

// The statutory and partnership returns.
//
// WHO: `return:read`. Managers (`return:read-partnership`) get the whole partnership's figures;
// everyone else with return:read gets their own organisation's. The MARAC data return belongs to
// the MARAC panel: only MARAC panel members with return:read see it (anyone else: not found).
// Everything else answers NotFoundError, like a page that does not exist.
//
// WHAT IS COUNTED: every record in scope, restricted MARAC cases included, because a return must be
// complete. The figures are SQL aggregates (GROUP BY over the period's events), never rows loaded
// and counted here. Each figure is a count of "events" of one measure; the drill-down behind a
// figure selects the same events (the same SQL), keeps those the viewer may see
// (lib/powers/access, lib/cases/access, in SQL: visibleEventPower and visibleCaseCondition
// in shared.ts, on lib/cases/access-sql) and says how many it holds back.
//
// Definitions (also in lib/returns/README.md and on each return's page):
// Tools and powers, grouped by the power's kind and issuing organisation (whenever it was issued):
//   issued              powers whose issue date falls in the period;
//   breaches            breaches dated in the period (a power breached twice counts 2);
//   powers breached     distinct powers with at least one breach dated in the period;
//   breach outcomes     the breaches in the period by the action taken (FPN, prosecution, warning, none);
//   appealed            powers with a change to "under appeal" dated in the period;
//   discharged/expired  powers discharged in the period, plus powers that expired in it. A power
//                       expires on its expiry date, as lib/powers effectiveStatus shows it, whether
//                       or not the expiry job has run yet (the job's history row is dated when it
//                       ran, so the earlier of that and the expiry date is used);
//   withdrawn           powers withdrawn in the period.
// Community Trigger, grouped by the case's lead organisation:
//   applications received   application date in the period;
//   threshold not met       of those, the applications whose computed threshold was not met;
//   case reviews carried out  reviews recorded as carried out, dated in the period;
//   with recommendations    of those, the reviews that made recommendations.
// CCM activity, per CCM meeting held in the period (in progress or closed: scheduled and
// cancelled meetings left out):
//   cases heard         agenda items marked reviewed or with a discussion or decision recorded;
//   actions agreed      actions recorded against the meeting;
//   completed           of those, done before the "as at" moment;
//   overdue             of those, not cancelled, not done by the "as at" moment, and due before
//                       that day. "As at" is the end of the period or now, whichever is earlier.
//
// PERIODS: every financial year and quarter from the earliest record in the return's scope to the
// current one (periods.ts).
//
// One file per return, the previews and drill-downs, and what they share; this one is the public
// face, so that callers import "@/lib/returns/data".

export {
  assertMayRead,
  availableReturns,
  countEvents,
  HEARD,
  HELD_MEETING_STATUSES,
  meetingsSql,
  returnScopeOf,
  uuid,
  type FigureRequest,
  type NameParts,
  type PageQuery,
  type ReturnScope,
} from "./shared";
export {
  computeToolsAndPowersReturn,
  POWER_MEASURES,
  toolsAndPowersReport,
  type PowerMeasure,
  type ToolsAndPowersGroup,
  type ToolsAndPowersReturn,
} from "./tools-and-powers";
export {
  communityTriggerReport,
  computeCommunityTriggerReturn,
  TRIGGER_MEASURES,
  type CommunityTriggerReturn,
  type TriggerMeasure,
} from "./community-trigger";
export { ccmActivityReport, CCM_MEASURES, computeCcmActivityReturn, type CcmActivityReturn, type CcmMeasure } from "./ccm-activity";
export {
  computeMaracReturn,
  MARAC_MEASURES,
  MARAC_PERIOD_MEASURES,
  maracReport,
  type MaracMeasure,
  type MaracPeriodMeasure,
  type MaracReturn,
} from "./marac";
export { earliestPowerRecordAt, earliestRecordAt, returnPeriodChoices } from "./periods";
export { buildReturnReport, listFigureRecords, type DrillRow, type FigureRecords } from "./previews-and-drill-downs";
