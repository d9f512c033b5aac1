import type { Prisma } from "../../lib/generated/prisma/client";
import type { AsbType, CaseStatus, InvolvementRole, TimelineKind } from "../../lib/generated/prisma/enums";
import { CASES, COMMUNITY_TRIGGER, RISK_ASSESSMENTS, riskScore, type CaseSeed } from "./cases";
import { INCIDENTS } from "./incidents";
import { MEETINGS, REFERRALS, discussedAt } from "./panels";
import { LOCATIONS, PEOPLE } from "./places-and-people";
import { ORGANISATIONS } from "./partnership";
import { POWERS, PSPO } from "./powers";
import { POWER_KINDS } from "./reference-data";
import { addMinutes, type SeedContext } from "./support";

// Every case's timeline, derived from the rest of the seed so that it tells the same story as
// the records: opened, shared, incidents linked, actions, risk assessments, powers, referrals,
// triage, meetings, status changes and notes, each with who (person and agency) and when.

type Entry = {
  kind: TimelineKind;
  summary: string;
  at: Date;
  actor: string;
  detail?: Record<string, unknown>;
  subjectType?: string;
  subjectId?: string;
};

const ROLE_LABEL: Record<InvolvementRole, string> = {
  VICTIM: "victim",
  PERPETRATOR: "alleged perpetrator",
  WITNESS: "witness",
  REPORTER: "reporter",
  OTHER: "other",
};
const STATUS_LABEL: Record<CaseStatus, string> = { OPEN: "Open", UNDER_REVIEW: "Under review", MONITORING: "Monitoring", CLOSED: "Closed" };
const TYPE_LABEL: Record<AsbType, string> = {
  ROWDY_INCONSIDERATE: "rowdy or inconsiderate behaviour",
  NOISE: "noise",
  STREET_DRINKING: "street drinking",
  BEGGING: "begging",
  DRUG_USE_DEALING: "drug use or dealing",
  VEHICLE_NUISANCE: "vehicle nuisance",
  LITTERING_FLY_TIPPING: "littering or fly-tipping",
  CRIMINAL_DAMAGE_GRAFFITI: "criminal damage or graffiti",
  INTIMIDATION_HARASSMENT: "intimidation or harassment",
  HATE_MOTIVATED: "hate-motivated",
  OTHER: "other ASB",
};

function personName(key: string): string {
  const p = PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`Unknown person ${key}`);
  return `${p.first} ${p.last}`;
}

function place(key: string): string {
  const l = LOCATIONS.find((x) => x.key === key);
  if (!l) throw new Error(`Unknown location ${key}`);
  return l.line1;
}

function orgName(key: string): string {
  return ORGANISATIONS.find((o) => o.key === key)!.name;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The user who linked an incident: its officer if their agency could see the case by then, else the lead officer. */
function linker(ctx: SeedContext, c: CaseSeed, officer: string, at: Date): string {
  const org = ctx.user(officer).organisationId;
  const orgs = new Set([ctx.id(`org:${c.lead}`), ...c.shares.filter((s) => ctx.clock.when(s.at) <= at).map((s) => ctx.id(`org:${s.org}`))]);
  return orgs.has(org) ? officer : c.leadOfficer;
}

function entriesFor(ctx: SeedContext, c: CaseSeed): Entry[] {
  const { clock } = ctx;
  const opened = clock.when(c.opened);
  const entries: Entry[] = [];
  const add = (e: Entry) => entries.push(e);

  add({
    kind: "CASE_OPENED",
    summary: `Case opened: ${c.title}`,
    at: opened,
    actor: c.createdBy,
    detail: { kind: c.kind, riskLevel: c.risk },
    subjectType: "Case",
    subjectId: ctx.id(`case:${c.key}`),
  });
  c.people.forEach(([person, role], i) =>
    add({
      kind: "PERSON_ADDED",
      summary: `${personName(person)} added as ${ROLE_LABEL[role]}`,
      at: addMinutes(opened, 1 + i),
      actor: c.createdBy,
      subjectType: "Person",
      subjectId: ctx.id(`person:${person}`),
      detail: { role },
    }),
  );
  c.locations.forEach((location, i) =>
    add({
      kind: "LOCATION_ADDED",
      summary: `${place(location)} added`,
      at: addMinutes(opened, 1 + c.people.length + i),
      actor: c.createdBy,
      subjectType: "Location",
      subjectId: ctx.id(`location:${location}`),
    }),
  );
  for (const share of c.shares) {
    add({
      kind: "SHARED",
      summary: `Shared with ${orgName(share.org)}`,
      at: clock.when(share.at),
      actor: share.by,
      subjectType: "Organisation",
      subjectId: ctx.id(`org:${share.org}`),
    });
  }

  INCIDENTS.filter((i) => i.case === c.key).forEach((incident, i) => {
    const reported = addMinutes(clock.when(incident.when), incident.after);
    const reference = ctx.reference(`incident:${incident.key}`);
    // Incidents from before the case are linked when it is opened; later ones soon after they are logged.
    const at = reported < opened ? addMinutes(opened, 10 + i) : addMinutes(reported, 20);
    const where = incident.location ? ` at ${place(incident.location)}` : "";
    add({
      kind: "INCIDENT_LINKED",
      summary: `Incident ${reference} linked: ${TYPE_LABEL[incident.type]}${where}`,
      at,
      actor: linker(ctx, c, incident.by, at),
      subjectType: "Incident",
      subjectId: ctx.id(`incident:${incident.key}`),
      detail: { reference },
    });
  });

  for (const action of c.actions) {
    const id = ctx.id(`action:${action.key}`);
    const assignee = `${ORGANISATIONS.find((o) => o.key === action.org)!.shortName}${action.user ? ` (${ctx.user(action.user).name})` : ""}`;
    add({
      kind: "ACTION_CREATED",
      summary: `Action for ${assignee}: ${action.title}`,
      at: clock.when(action.created),
      actor: action.by,
      subjectType: "CaseAction",
      subjectId: id,
      detail: { dueDate: clock.day(action.due).toISOString().slice(0, 10) },
    });
    if (action.status === "DONE" && action.done) {
      add({
        kind: "ACTION_COMPLETED",
        summary: `Action completed: ${action.title}. ${action.outcome ?? ""}`.trim(),
        at: clock.when(action.done),
        actor: action.user ?? action.by,
        subjectType: "CaseAction",
        subjectId: id,
      });
    }
    if (action.status === "CANCELLED" && action.done) {
      add({
        kind: "ACTION_CANCELLED",
        summary: `Action cancelled: ${action.title}. ${action.cancelReason ?? ""}`.trim(),
        at: clock.when(action.done),
        actor: action.by,
        subjectType: "CaseAction",
        subjectId: id,
      });
    }
  }

  for (const note of c.notes) add({ kind: "NOTE", summary: note.text, at: clock.when(note.at), actor: note.by });

  for (const risk of RISK_ASSESSMENTS.filter((r) => r.case === c.key)) {
    const { score, level } = riskScore(risk);
    const what =
      risk.kind === "DASH"
        ? `DASH risk checklist for ${personName(risk.person)}: ${score} of 24`
        : `ASB risk matrix for ${personName(risk.person)}: harm ${risk.harm} × likelihood ${risk.likelihood} = ${score}`;
    add({
      kind: "RISK_ASSESSED",
      summary: `${what} (${level.toLowerCase()} risk)`,
      at: clock.when(risk.at),
      actor: risk.by,
      subjectType: "RiskAssessment",
      subjectId: ctx.id(`risk:${risk.key}`),
      detail: { kind: risk.kind, score, level },
    });
  }

  for (const power of POWERS.filter((p) => p.case === c.key)) {
    const id = ctx.id(`power:${power.key}`);
    const reference = ctx.reference(`power:${power.key}`);
    const kindName = POWER_KINDS.find((k) => k.code === power.kind)!.name;
    const subject = power.person
      ? personName(power.person)
      : (power.business ?? (power.location ? place(power.location) : "unnamed subject"));
    const pspo = power.pspo ? ` under ${PSPO.name}` : "";
    add({
      kind: "POWER_ISSUED",
      summary: `${kindName} ${reference} issued to ${subject}${pspo}`,
      at: clock.when(power.issued),
      actor: power.by,
      subjectType: "PowerUse",
      subjectId: id,
      detail: { reference },
    });
    let from = "ISSUED";
    for (const change of power.history ?? []) {
      if (change.status !== "BREACHED") {
        add({
          kind: "POWER_STATUS_CHANGED",
          summary: `${kindName} ${reference}: ${from.toLowerCase()} → ${change.status.toLowerCase()}. ${sentence(change.note)}`,
          at: clock.when(change.at),
          actor: change.by,
          subjectType: "PowerUse",
          subjectId: id,
          detail: { reference, from, to: change.status },
        });
      }
      from = change.status;
    }
    for (const breach of power.breaches ?? []) {
      const action = { FPN: "fixed penalty notice", PROSECUTION: "prosecution", WARNING: "warning", NONE: "no action" }[breach.action];
      add({
        kind: "POWER_BREACHED",
        summary: `Breach of ${kindName} ${reference} (${action}): ${breach.notes}`,
        at: addMinutes(clock.when(breach.at), 30),
        actor: breach.by,
        subjectType: "PowerUse",
        subjectId: id,
        detail: { reference, actionTaken: breach.action },
      });
    }
  }

  for (const referral of REFERRALS.filter((r) => r.case === c.key)) {
    const id = ctx.id(`referral:${referral.key}`);
    const reference = ctx.reference(`referral:${referral.key}`);
    const how = referral.transfer ? ` (transfer in from ${referral.transfer.area})` : referral.isRepeat ? " (repeat referral)" : "";
    add({
      kind: "REFERRED",
      summary: `Referred to ${referral.panel} ${reference}${how}: ${referral.reason}`,
      at: clock.when(referral.at),
      actor: referral.by,
      subjectType: "Referral",
      subjectId: id,
      detail: { reference, panel: referral.panel },
    });
    for (const decision of referral.triage ?? []) {
      const outcome = {
        ACCEPTED: "accepted",
        DECLINED: "declined",
        MORE_INFO_REQUESTED: "more information requested",
        PENDING: "pending",
        WITHDRAWN: "withdrawn",
      }[decision.outcome];
      add({
        kind: "TRIAGED",
        summary: `Referral ${reference} ${outcome}: ${decision.note}`,
        at: clock.when(decision.at),
        actor: decision.by,
        subjectType: "Referral",
        subjectId: id,
        detail: { reference, outcome: decision.outcome },
      });
    }
  }

  for (const meeting of MEETINGS.filter((m) => m.status === "CLOSED")) {
    const position = meeting.agenda.findIndex((item) => item.case === c.key);
    if (position < 0) continue;
    const item = meeting.agenda[position]!;
    const reference = ctx.reference(`meeting:${meeting.key}`);
    add({
      kind: "DISCUSSED_AT_MEETING",
      summary: `Discussed at ${meeting.panel} ${reference}. Decision: ${item.decision ?? "none recorded"}`,
      at: discussedAt(meeting, position + 1, clock),
      actor: meeting.chair,
      subjectType: "Meeting",
      subjectId: ctx.id(`meeting:${meeting.key}`),
      detail: { reference },
    });
  }

  if (c.statusChange) {
    add({
      kind: "STATUS_CHANGED",
      summary: `Status changed from Open to ${STATUS_LABEL[c.status]}: ${c.statusChange.note}`,
      at: clock.when(c.statusChange.at),
      actor: c.statusChange.by,
      detail: { from: "OPEN", to: c.status },
    });
  }
  if (c.closure) {
    const reason = c.closure.reason.toLowerCase().replace(/_/g, " ");
    add({
      kind: "STATUS_CHANGED",
      summary: `Case closed (${reason}): ${c.closure.note}`,
      at: clock.when(c.closure.at),
      actor: c.closure.by,
      detail: { from: "OPEN", to: "CLOSED", closureReason: c.closure.reason },
    });
  }

  if (COMMUNITY_TRIGGER.case === c.key) {
    const t = COMMUNITY_TRIGGER;
    add({
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary: `Community Trigger application received from ${personName(t.applicant)}`,
      at: addMinutes(opened, 5),
      actor: c.createdBy,
    });
    add({
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary: `Threshold met: ${t.complaints.length} qualifying complaints within six months, each reported within a month`,
      at: clock.at(-118, "12:05"),
      actor: "kwame",
      detail: { thresholdMet: true },
    });
    add({
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary: "ASB case review carried out; recommendations agreed and sent to the applicant",
      at: clock.at(t.reviewDate, "15:30"),
      actor: "helen",
      detail: { reviewCarriedOut: true },
    });
  }
  return entries;
}

/**
 * The timeline is append-only (the app never updates or deletes an entry), and its ids come from
 * a sequence, so entries are matched on (case, kind, summary) and only missing ones are inserted.
 */
export async function seedTimeline(ctx: SeedContext): Promise<void> {
  for (const c of CASES) {
    const caseId = ctx.id(`case:${c.key}`);
    const existing = await ctx.tx.timelineEntry.findMany({ where: { caseId }, select: { kind: true, summary: true } });
    const seen = new Set(existing.map((e) => `${e.kind}|${e.summary}`));
    const entries = entriesFor(ctx, c).sort((a, b) => a.at.getTime() - b.at.getTime());
    const keys = entries.map((e) => `${e.kind}|${e.summary}`);
    const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
    if (duplicate)
      throw new Error(`Case ${c.key} would have two identical timeline entries, which a re-run could not tell apart: ${duplicate}`);
    const missing = entries.filter((e, i) => !seen.has(keys[i]!));
    if (missing.length === 0) continue;
    await ctx.tx.timelineEntry.createMany({
      data: missing.map((e) => {
        const actor = ctx.user(e.actor);
        return {
          caseId,
          kind: e.kind,
          summary: e.summary,
          detail: e.detail as Prisma.InputJsonValue | undefined,
          subjectType: e.subjectType ?? null,
          subjectId: e.subjectId ?? null,
          actorUserId: actor.id,
          actorOrganisationId: actor.organisationId,
          occurredAt: e.at,
        };
      }),
    });
  }
}
