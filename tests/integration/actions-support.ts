import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { createAction } from "@/lib/case-actions/data";
import type { ActionInput } from "@/lib/case-actions/schema";
import { ACTION_SORTS, type ActionFilters, type ActionSort } from "@/lib/case-actions/filters";
import { londonToday } from "@/lib/format/dates";
import { parseListQuery, type ListQuery } from "@/lib/list";
import { shareCase } from "@/lib/cases/data";
import { agency, colleague, open } from "./cases-support";

// Builders for the action tests: a police-led case shared with housing (the journey), and
// actions added through the data layer as the form would.

export { agency, colleague, open };

/** A calendar day `days` after today in London (negative: before), as a due date is stored. */
export function dayFromToday(days: number, now = new Date()): Date {
  const today = londonToday(now);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
}

export function actionInput(assignedOrganisationId: string, overrides: Partial<ActionInput> = {}): ActionInput {
  return {
    title: "Visit the household",
    detail: null,
    assignedOrganisationId,
    assignedUserId: null,
    dueDate: dayFromToday(7),
    ...overrides,
  };
}

export async function addAction(
  actor: Actor,
  caseId: string,
  assignedOrganisationId: string,
  overrides: Partial<ActionInput> = {},
  now?: Date,
) {
  const { id } = await createAction(actor, caseId, actionInput(assignedOrganisationId, overrides), randomUUID(), now);
  return db.caseAction.findUniqueOrThrow({ where: { id } });
}

/** A police officer's case shared with a housing provider, and an officer of a third agency outside it. */
export async function sharedCase() {
  const police = await agency({ kind: "POLICE" });
  const housing = await agency({ kind: "HOUSING_PROVIDER" });
  const outsider = await agency({ kind: "FIRE" });
  const opened = await open(police.actor);
  await shareCase(police.actor, opened.id, housing.organisation.id);
  return { police, housing, outsider, caseId: opened.id, reference: opened.reference };
}

export const OPEN_ONLY: ActionFilters = { status: "open", overdueOnly: false };

export function listQuery(overrides: Partial<Record<string, string>> = {}): ListQuery<ActionSort> {
  return parseListQuery<ActionSort>(overrides, { sorts: ACTION_SORTS, defaultSort: "due", defaultDir: "asc", pageSize: 50 });
}

export async function actionTimeline(caseId: string) {
  return db.timelineEntry.findMany({ where: { caseId, subjectType: "CaseAction" }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
}

export async function actionAudit(actionId: string) {
  return db.auditEvent.findMany({ where: { entityType: "CaseAction", entityId: actionId }, orderBy: { id: "asc" } });
}
