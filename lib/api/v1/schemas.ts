import { z } from "zod";
import {
  ActionStatus,
  AsbCategory,
  AsbType,
  BreachAction,
  CaseKind,
  CaseStatus,
  Gender,
  InvolvementRole,
  LocationKind,
  PowerStatus,
  ReportMethod,
  RiskLevel,
} from "@/lib/generated/prisma/enums";
import { ZIncidentApi } from "@/lib/incidents/schema";
import { ZPerson } from "@/lib/people/schema";
import { ZPlace } from "@/lib/places/schema";
import { ZBreachForm, ZIssuePowerForm } from "@/lib/powers/schema";
import { ZActionStatusForm } from "@/lib/case-actions/schema";
import { ZNoteForm } from "@/lib/cases/schema";

// The /api/v1 request and response bodies. Requests are the JSON a partner system sends, turned
// into the browser form's shape and checked by the form's own schema (so the API and the pages
// refuse the same things with the same words); responses are what the service answers, parsed
// through these schemas on the way out, so a representation can carry no field the OpenAPI
// document does not name. The document (lib/api/v1/openapi.ts) is generated from these.

// ───────────────────────────── Pieces ─────────────────────────────

const Id = z.uuid().meta({ description: "The record's id (a UUID)" });
const Instant = z.iso.datetime({ offset: true }).meta({ description: "An instant in ISO 8601, e.g. 2026-03-27T21:30:00.000Z" });
const Day = z.iso.date().meta({ description: "A calendar day in ISO 8601, e.g. 2026-03-27 (London)" });
const Organisation = z.object({ id: Id, name: z.string() });

/** "2026-03-27", or null. Days are London days (calendar dates are stored at London midnight). */
const DayInput = (what: string) =>
  z
    .union([z.iso.date({ error: `${what} must be a date like 2026-03-27` }), z.null()])
    .optional()
    .meta({ description: `${what}, as YYYY-MM-DD` });

/** `value` checked by a form's schema, its problems reported at the same paths in the JSON body. */
function checkedBy<S extends z.ZodType>(schema: S, value: unknown, ctx: z.RefinementCtx): z.output<S> | typeof z.NEVER {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  return z.NEVER;
}

function dayParts(text: string | null | undefined): { day: string; month: string; year: string } {
  const [year = "", month = "", day = ""] = (text ?? "").split("-");
  return { day, month, year };
}

export const ZCursorQuery = z.object({
  cursor: z.string().max(200).optional().meta({ description: "The `next` cursor of the previous page; leave out for the first page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: "Rows a page, 1 to 100 (default 25)" }),
});

const page = <T extends z.ZodType>(row: T) =>
  z.object({
    data: z.array(row),
    next: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  });

// ───────────────────────────── Incidents ─────────────────────────────

export const ZIncidentResource = z
  .object({
    id: Id,
    reference: z.string().meta({ description: "The service's reference, e.g. INC-2026-000123" }),
    version: z.number().int().meta({ description: "Also the ETag; send it in If-Match to change the incident" }),
    occurredAt: Instant,
    reportedAt: Instant,
    reportMethod: z.enum(ReportMethod),
    category: z.enum(AsbCategory),
    type: z.enum(AsbType),
    description: z.string(),
    riskLevel: z.enum(RiskLevel),
    reportingOrganisation: Organisation,
    place: z
      .object({
        id: Id,
        addressLine1: z.string(),
        addressLine2: z.string().nullable(),
        town: z.string(),
        postcode: z.string().nullable(),
        kind: z.enum(LocationKind),
      })
      .nullable(),
    case: z.object({ id: Id, reference: z.string() }).nullable().meta({ description: "Only when the client may see the case" }),
    people: z.array(z.object({ personId: Id, name: z.string(), role: z.enum(InvolvementRole) })),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Incident" });

export const ZIncidentCreate = ZIncidentApi;

/** PATCH: any of the create fields; what is left out stays as it is (people and place are replaced when given). */
export const ZIncidentPatch = z
  .object({
    occurredAt: Instant.optional(),
    reportedAt: Instant.optional(),
    reportMethod: z.enum(ReportMethod).optional(),
    category: z.enum(AsbCategory).optional(),
    type: z.enum(AsbType).optional(),
    description: z.string().optional(),
    riskLevel: z.enum(RiskLevel).optional(),
    locationId: Id.nullable().optional(),
    caseId: Id.nullable().optional(),
    people: z.array(z.object({ personId: Id, role: z.enum(InvolvementRole) })).optional(),
  })
  .strict();

export const ZIncidentListQuery = ZCursorQuery.extend({
  category: z.enum(AsbCategory).optional(),
  type: z.enum(AsbType).optional(),
  occurredFrom: z.iso.date({ error: "occurredFrom must be a date like 2026-03-01" }).optional(),
  occurredTo: z.iso.date({ error: "occurredTo must be a date like 2026-03-31" }).optional(),
  caseId: z.uuid({ error: "caseId must be a case id" }).optional(),
}).strict();

export const ZIncidentListRow = ZIncidentResource.pick({
  id: true,
  reference: true,
  version: true,
  occurredAt: true,
  reportedAt: true,
  category: true,
  type: true,
  riskLevel: true,
  reportingOrganisation: true,
  updatedAt: true,
}).meta({ id: "IncidentListRow" });
export const ZIncidentPage = page(ZIncidentListRow);

// ───────────────────────────── People ─────────────────────────────

export const ZPersonResource = z
  .object({
    id: Id,
    version: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: Day.nullable(),
    gender: z.enum(Gender),
    aliases: z.array(z.string()),
    alerts: z.object({ repeatVictim: z.boolean(), vulnerable: z.boolean() }),
    createdAt: Instant,
  })
  .meta({ id: "Person" });

/** The person form's fields as JSON; checked by the person form's own schema (ZPerson). */
export const ZPersonCreate = z
  .object({
    firstName: z.string().meta({ description: "Required" }),
    lastName: z.string().meta({ description: "Required" }),
    dateOfBirth: DayInput("dateOfBirth"),
    gender: z.enum(Gender).default("NOT_KNOWN"),
    aliases: z.array(z.string().max(200)).max(20).default([]).meta({ description: "Other names the person is known by" }),
    phone: z.string().nullish(),
    confirmedNew: z
      .boolean()
      .default(false)
      .meta({ description: "true after a 409 listed likely matches and none of them is this person: create a new profile anyway" }),
  })
  .strict()
  .transform((raw, ctx) => {
    const form = { ...raw, dateOfBirth: dayParts(raw.dateOfBirth), aliases: raw.aliases.join(", "), phone: raw.phone ?? "" };
    const person = checkedBy(ZPerson, form, ctx);
    return person === z.NEVER ? z.NEVER : { person, confirmedNew: raw.confirmedNew };
  });

export const ZPersonSearch = z
  .object({
    name: z.string().trim().min(2, "Enter at least 2 characters of the name").max(200),
    dateOfBirth: DayInput("dateOfBirth"),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export const ZPersonSearchRow = z
  .object({
    id: Id,
    name: z.string(),
    aliases: z.array(z.string()),
    dateOfBirth: Day.nullable(),
    alerts: z.object({ repeatVictim: z.boolean(), vulnerable: z.boolean() }),
  })
  .meta({ id: "PersonSearchRow" });
export const ZPersonSearchResult = z.object({ data: z.array(ZPersonSearchRow) });

// ───────────────────────────── Places ─────────────────────────────

export const ZPlaceResource = z
  .object({
    id: Id,
    version: z.number().int(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    town: z.string(),
    postcode: z.string().nullable(),
    kind: z.enum(LocationKind),
    uprn: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: "Place" });

export const ZPlaceCreate = z
  .object({
    addressLine1: z.string(),
    addressLine2: z.string().nullish(),
    town: z.string(),
    postcode: z.string().nullish(),
    kind: z.enum(LocationKind),
    uprn: z.string().nullish().meta({ description: "The Unique Property Reference Number, when known" }),
    confirmedNew: z.boolean().default(false).meta({ description: "true after a 409 listed likely matches and none of them is this place" }),
  })
  .strict()
  .transform(({ confirmedNew, ...raw }, ctx) => {
    const form = { ...raw, addressLine2: raw.addressLine2 ?? "", postcode: raw.postcode ?? "", uprn: raw.uprn ?? "" };
    const place = checkedBy(ZPlace, form, ctx);
    return place === z.NEVER ? z.NEVER : { place, confirmedNew };
  });

export const ZPlaceSearch = z
  .object({
    q: z.string().trim().min(2, "Enter at least 2 characters: a postcode or part of an address").max(100),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export const ZPlaceSearchRow = ZPlaceResource.pick({
  id: true,
  addressLine1: true,
  addressLine2: true,
  town: true,
  postcode: true,
  kind: true,
}).meta({ id: "PlaceSearchRow" });
export const ZPlaceSearchResult = z.object({ data: z.array(ZPlaceSearchRow) });

// ───────────────────────────── Cases ─────────────────────────────

export const ZCaseResource = z
  .object({
    id: Id,
    reference: z.string(),
    version: z.number().int(),
    title: z.string(),
    summary: z.string().nullable(),
    kind: z.enum(CaseKind),
    status: z.enum(CaseStatus),
    riskLevel: z.enum(RiskLevel),
    restricted: z.boolean().meta({ description: "A MARAC case: only clients granted the MARAC by its chairs see one" }),
    openedAt: Instant,
    closedAt: Instant.nullable(),
    leadOrganisation: Organisation,
    leadOfficer: z.object({ id: Id, name: z.string() }).nullable(),
    people: z.array(z.object({ personId: Id, name: z.string(), role: z.enum(InvolvementRole) })),
    places: z.array(z.object({ locationId: Id, addressLine1: z.string(), town: z.string(), postcode: z.string().nullable() })),
    incidents: z.array(z.object({ id: Id, reference: z.string(), occurredAt: Instant })).meta({ description: "The latest 25" }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Case" });

export const ZCaseListQuery = ZCursorQuery.extend({
  status: z.enum(CaseStatus).optional(),
  kind: z.enum(CaseKind).optional(),
}).strict();

export const ZCaseListRow = ZCaseResource.pick({
  id: true,
  reference: true,
  version: true,
  title: true,
  kind: true,
  status: true,
  riskLevel: true,
  restricted: true,
  openedAt: true,
  leadOrganisation: true,
  updatedAt: true,
}).meta({ id: "CaseListRow" });
export const ZCasePage = page(ZCaseListRow);

export const ZCaseNoteCreate = z
  .object({ text: z.string().meta({ description: "The note, as an officer would type it on the case page" }) })
  .strict()
  .pipe(ZNoteForm.pick({ text: true }));

export const ZCaseNoteCreated = z.object({ caseId: Id, created: z.literal(true) });

export const ZActionResource = z
  .object({
    id: Id,
    caseId: Id,
    version: z.number().int().meta({ description: "Send it in If-Match to change the action's status" }),
    title: z.string(),
    detail: z.string().nullable(),
    status: z.enum(ActionStatus),
    dueDate: Day,
    overdue: z.boolean(),
    outcome: z.string().nullable(),
    cancelReason: z.string().nullable(),
    completedAt: Instant.nullable(),
    assignedOrganisation: Organisation,
    assignedUser: z.object({ id: Id, name: z.string() }).nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: "Action" });

export const ZActionList = z.object({ data: z.array(ZActionResource) });

export const ZActionStatusChange = z
  .object({
    status: z.enum(ActionStatus),
    outcome: z.string().nullish().meta({ description: "Required when the status is DONE: what was done" }),
    cancelReason: z.string().nullish().meta({ description: "Required when the status is CANCELLED" }),
  })
  .strict();

// ───────────────────────────── Powers ─────────────────────────────

export const ZPowerResource = z
  .object({
    id: Id,
    reference: z.string(),
    version: z.number().int().meta({ description: "Send it in If-Match to record a breach" }),
    kind: z.object({ id: Id, code: z.string(), name: z.string() }),
    status: z.enum(PowerStatus),
    subjectPerson: z.object({ id: Id, name: z.string() }).nullable(),
    subjectBusinessName: z.string().nullable(),
    place: z.object({ id: Id, label: z.string() }).nullable(),
    case: z.object({ id: Id, reference: z.string() }).nullable(),
    issuingOrganisation: Organisation,
    issuedAt: Instant,
    expiresAt: Instant.nullable(),
    conditions: z.string().nullable(),
    courtName: z.string().nullable(),
    hearingAt: Instant.nullable(),
    history: z.array(z.object({ fromStatus: z.enum(PowerStatus).nullable(), toStatus: z.enum(PowerStatus), changedAt: Instant })),
    breaches: z.array(z.object({ id: Id, breachedAt: Instant, actionTaken: z.enum(BreachAction), notes: z.string().nullable() })),
  })
  .meta({ id: "Power" });

/** The power form's fields as JSON; checked by the power form's own schema (ZIssuePowerForm). */
export const ZPowerCreate = z
  .object({
    kindId: Id.meta({ description: "A power kind of the partnership (see the register's kinds)" }),
    subjectPersonId: Id.nullish().meta({ description: "The person it was issued to; or give subjectBusinessName" }),
    subjectBusinessName: z.string().nullish(),
    locationId: Id.nullish(),
    caseId: Id.nullish(),
    pspoId: Id.nullish().meta({ description: "For a fixed penalty notice under a PSPO" }),
    issuingOfficerId: Id.nullish().meta({ description: "An officer of the client's organisation; left out, the client itself" }),
    issuedOn: z.iso.date({ error: "issuedOn must be a date like 2026-03-27" }),
    expiresOn: DayInput("expiresOn"),
    conditions: z.string().nullish(),
    courtName: z.string().nullish(),
    hearingOn: DayInput("hearingOn"),
  })
  .strict()
  .transform((raw, ctx) => {
    const flat: Record<string, unknown> = {
      // The route's Idempotency-Key stands in for the form's key (lib/http/route.ts); this one is never used.
      submissionKey: "00000000-0000-8000-8000-000000000000",
      kindId: raw.kindId,
      subjectType: raw.subjectBusinessName && !raw.subjectPersonId ? "business" : "person",
      subjectPersonId: raw.subjectPersonId ?? "",
      subjectBusinessName: raw.subjectBusinessName ?? "",
      locationId: raw.locationId ?? "",
      caseId: raw.caseId ?? "",
      pspoId: raw.pspoId ?? "",
      issuingOfficerId: raw.issuingOfficerId ?? "",
      conditions: raw.conditions ?? "",
      courtName: raw.courtName ?? "",
    };
    for (const [field, value] of [
      ["issuedOn", raw.issuedOn],
      ["expiresOn", raw.expiresOn],
      ["hearingOn", raw.hearingOn],
    ] as const) {
      const parts = dayParts(value);
      flat[`${field}-day`] = parts.day;
      flat[`${field}-month`] = parts.month;
      flat[`${field}-year`] = parts.year;
    }
    const checked = checkedBy(ZIssuePowerForm, flat, ctx);
    return checked === z.NEVER ? z.NEVER : checked.input;
  });

export const ZPowerListQuery = ZCursorQuery.extend({ status: z.enum(PowerStatus).optional(), kindId: z.uuid().optional() }).strict();
export const ZPowerListRow = ZPowerResource.pick({
  id: true,
  reference: true,
  version: true,
  kind: true,
  status: true,
  issuingOrganisation: true,
  issuedAt: true,
  expiresAt: true,
}).meta({
  id: "PowerListRow",
});
export const ZPowerPage = page(ZPowerListRow);

export const ZBreachCreate = z
  .object({
    breachedOn: z.iso.date({ error: "breachedOn must be a date like 2026-03-27" }),
    actionTaken: z.enum(BreachAction),
    notes: z.string().nullish(),
  })
  .strict();

/** A breach as the breach form's schema (ZBreachForm) reads it, for the power and version given. */
export function breachForm(powerId: string, version: number, body: z.output<typeof ZBreachCreate>) {
  const parts = dayParts(body.breachedOn);
  return ZBreachForm.safeParse({
    powerId,
    version: String(version),
    "breachedOn-day": parts.day,
    "breachedOn-month": parts.month,
    "breachedOn-year": parts.year,
    actionTaken: body.actionTaken,
    notes: body.notes ?? "",
  });
}

/** An action's status change as the status form's schema (ZActionStatusForm) reads it. */
export function actionStatusForm(caseId: string, actionId: string, version: number, body: z.output<typeof ZActionStatusChange>) {
  return ZActionStatusForm.safeParse({
    caseId,
    actionId,
    version: String(version),
    status: body.status,
    outcome: body.outcome ?? "",
    cancelReason: body.cancelReason ?? "",
  });
}

// ───────────────────────────── Errors ─────────────────────────────

export const ZProblem = z
  .object({
    type: z.literal("about:blank"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          detail: z.string(),
          pointer: z.string().meta({ description: "A JSON Pointer into the request body, e.g. #/people/0/role" }),
        }),
      )
      .optional(),
    matches: z
      .array(z.object({ id: Id, label: z.string() }))
      .optional()
      .meta({ description: "On a 409 from a create: the likely existing records" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
