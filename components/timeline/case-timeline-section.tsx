import { randomUUID } from "node:crypto";
import { z } from "zod";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import type { Actor } from "@/lib/auth/actor-type";
import { mayCorrectEntry } from "@/lib/cases/access";
import type { CaseDetail } from "@/lib/cases/data";
import { TimelineKind } from "@/lib/generated/prisma/enums";
import { parseCursor } from "@/lib/timeline/cursor";
import { listTimeline, timelineFilterChoices, type TimelineQuery } from "@/lib/timeline/data";
import { NoteForm } from "./note-form";
import { TIMELINE_PARAMS, TimelineEntries, TimelineFilters, TimelinePager } from "./timeline";

/** The timeline's filters, order and page, from the case page's URL. Anything that does not parse is ignored. */
export function parseTimelineQuery(params: SearchParamsRecord): TimelineQuery {
  const kind = z.enum(TimelineKind).safeParse(firstParam(params[TIMELINE_PARAMS.kind]));
  const organisationId = z.uuid().safeParse(firstParam(params[TIMELINE_PARAMS.organisation]));
  const after = parseCursor(firstParam(params[TIMELINE_PARAMS.after]));
  return {
    kind: kind.success ? kind.data : undefined,
    organisationId: organisationId.success ? organisationId.data : undefined,
    order: firstParam(params[TIMELINE_PARAMS.order]) === "oldest" ? "oldest" : "newest",
    after,
    before: after ? undefined : parseCursor(firstParam(params[TIMELINE_PARAMS.before])),
  };
}

/** The case timeline section: a note form for those who may add to the case, filters, one page of entries. */
export async function CaseTimelineSection({
  actor,
  caseDetail,
  searchParams,
}: {
  actor: Actor;
  caseDetail: CaseDetail;
  searchParams: SearchParamsRecord;
}) {
  const query = parseTimelineQuery(searchParams);
  const [page, choices] = await Promise.all([listTimeline(actor, caseDetail.id, query), timelineFilterChoices(actor, caseDetail.id)]);
  const filtered = Boolean(query.kind || query.organisationId);
  return (
    <>
      {caseDetail.rights.contribute ? <NoteForm caseId={caseDetail.id} submissionKey={randomUUID()} /> : null}
      <TimelineFilters
        caseId={caseDetail.id}
        choices={choices}
        values={{ kind: query.kind, organisation: query.organisationId, order: query.order }}
      />
      <TimelineEntries
        caseId={caseDetail.id}
        entries={page.entries}
        filtered={filtered}
        mayCorrect={(entry) => mayCorrectEntry(actor, caseDetail.rights, entry)}
      />
      <TimelinePager page={page} pathname={`/cases/${caseDetail.id}`} searchParams={searchParams} order={query.order} />
    </>
  );
}
