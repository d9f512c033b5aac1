import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, isPanelMember } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";

// Who may see and run CCM and MARAC meetings: the one rule, as `where` clauses built from the
// actor, used by every list, count, page, pack, meeting-mode save and minutes export.
//
// - A meeting, its agenda, its pre-meeting pack and its minutes are visible to the members of its
//   panel (CCM or MARAC) who may read cases. Nobody else learns that it exists: not in lists, not
//   in counts, not by guessing its id (a refusal is audited and answered 404).
// - CCM minutes only, once the meeting is closed: an organisation on a case discussed there (the
//   lead organisation, or one the case is shared with) also reads the minutes, but only the items
//   for the cases it may see (never a restricted case), and only their part of the action list.
//   Decision: this is how a partner that does not sit on the CCM learns what was agreed about its
//   own case, without seeing what was said about anyone else's. MARAC minutes have no such
//   extension: the MARAC panel alone.
// - Only a chair of the panel (chairsPanel) schedules a meeting, changes its agenda, runs it in
//   meeting mode and closes it.

export const PANELS = ["CCM", "MARAC"] as const satisfies readonly Panel[];

const NOTHING: Prisma.MeetingWhereInput = { id: { in: [] } };

/** The panels whose meetings the actor takes part in. */
export function meetingPanelsOf(actor: Actor): Panel[] {
  if (!can(actor, "case:read")) return [];
  return PANELS.filter((panel) => isPanelMember(actor, panel));
}

/** The panels the actor chairs: they schedule and run those panels' meetings. */
export function chairedPanelsOf(actor: Actor): Panel[] {
  return PANELS.filter((panel) => chairsPanel(actor, panel));
}

/** Meetings (with agenda and pack) the actor may see: those of their panels. */
export function visibleMeetingsWhere(actor: Actor): Prisma.MeetingWhereInput {
  const panels = meetingPanelsOf(actor);
  return panels.length === 0 ? NOTHING : { panel: { in: panels } };
}

/** Whether the actor runs this meeting (schedules, changes the agenda, meeting mode, closes). */
export function mayRunMeeting(actor: Actor, meeting: { panel: Panel }): boolean {
  return chairsPanel(actor, meeting.panel);
}

/** Agenda items of a CCM meeting that a partner off the panel may read in the minutes. */
export function partnerMinutesItemsWhere(actor: Actor): Prisma.AgendaItemWhereInput {
  return { case: { AND: [{ restricted: false }, visibleCasesWhere(actor)] } };
}

/** Meetings whose minutes the actor may read (all of them, or for a partner only some items). */
export function minutesReadableWhere(actor: Actor): Prisma.MeetingWhereInput {
  if (!can(actor, "case:read")) return NOTHING;
  return {
    OR: [visibleMeetingsWhere(actor), { panel: "CCM", status: "CLOSED", agendaItems: { some: partnerMinutesItemsWhere(actor) } }],
  };
}
