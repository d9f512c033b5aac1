import Link from "next/link";
import type { ReactNode } from "react";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { InsetText } from "@/components/ui/inset-text";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { RiskTag, Tag } from "@/components/ui/tag";
import { PersonAlertTags } from "@/components/people/alert-tags";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { recordedLater } from "@/lib/history/happened";
import { removePersonAction, removePlaceAction, unlinkIncidentAction } from "@/lib/cases/actions";
import { CASE_NOTICES, CASE_PROBLEMS, type CaseNotice, type CaseProblem } from "@/lib/cases/form-state";
import { CASE_KIND_LABELS, CLOSURE_REASON_LABELS } from "@/lib/cases/labels";
import { listCaseIncidents, type CaseDetail, type CaseIncidentRow, type CaseSummary } from "@/lib/cases/data";
import type { Actor } from "@/lib/auth/actor-type";
import { pageNumberParam, showingWords } from "@/lib/list";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { Pagination } from "@/components/ui/pagination";
import { ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { CaseStatusTag, RestrictedTag } from "./case-tags";
import { SectionActions } from "./case-section";
import { InlineCommand } from "./inline-command";

// The case page's own sections: the heading, details, people, places, incidents and sharing.
// Each says in words what the actor may do, and offers only that (the server checks again).

/** The protective marking at the top of every page of a restricted case. */
export function CaseMarking({ restricted }: { restricted: boolean }) {
  return restricted ? (
    <RestrictedBanner marking="Restricted – MARAC">
      Share only with MARAC panel members. Only MARAC panel members and the referrer can see this case.
    </RestrictedBanner>
  ) : null;
}

/** The top of a page that changes a case: its marking, a way back to it, and the page itself. */
export function CaseSubpage({
  caseSummary,
  backTo = "",
  children,
}: {
  caseSummary: Pick<CaseSummary, "id" | "reference" | "restricted">;
  backTo?: string;
  children: ReactNode;
}) {
  return (
    <>
      <CaseMarking restricted={caseSummary.restricted} />
      <BackLink href={`/cases/${caseSummary.id}${backTo}`}>Back to case {caseSummary.reference}</BackLink>
      {children}
    </>
  );
}

/** Shown instead of a form when the actor can see the case but not make this change. */
export function NotAllowed({
  caseSummary,
  what,
  need = "manage",
}: {
  caseSummary: Pick<CaseSummary, "id" | "reference" | "leadOrganisation" | "status" | "rights">;
  what: string;
  need?: "manage" | "contribute";
}) {
  const closed = caseSummary.status === "CLOSED" && caseSummary.rights.contribute;
  return (
    <div className="max-w-[40rem]">
      <PageHeading caption={`Case ${caseSummary.reference}`}>You cannot {what}</PageHeading>
      <p className="body-m">
        {closed
          ? `The case is closed. ${caseSummary.rights.manage ? "Reopen it" : `Ask ${caseSummary.leadOrganisation.name} to reopen it`} before adding to it.`
          : `Only ${caseSummary.leadOrganisation.name}, which leads this case${need === "contribute" ? ", and the organisations it is shared with," : ""}, can ${what}. Contact them if it needs doing.`}
      </p>
      <p className="body-m">
        {closed && caseSummary.rights.manage ? (
          <>
            <Link href={`/cases/${caseSummary.id}/status`}>Change the status</Link> or{" "}
          </>
        ) : null}
        <Link href={`/cases/${caseSummary.id}`}>{closed && caseSummary.rights.manage ? "go back to the case" : "Go back to the case"}</Link>
      </p>
    </div>
  );
}

/** Any message about the last change, the heading and the case's tags. */
export function CaseHeader({ caseSummary, notice, problem }: { caseSummary: CaseSummary; notice?: string; problem?: string }) {
  const noticeText =
    notice && Object.hasOwn(CASE_NOTICES, notice)
      ? notice === "opened"
        ? `Case ${caseSummary.reference} opened`
        : CASE_NOTICES[notice as CaseNotice]
      : null;
  const problemText = problem && Object.hasOwn(CASE_PROBLEMS, problem) ? CASE_PROBLEMS[problem as CaseProblem] : null;
  return (
    <>
      {noticeText ? <NotificationBanner variant="success" heading={noticeText} /> : null}
      {problemText ? <NotificationBanner heading={problemText} focusOnMount /> : null}
      <PageHeading caption={`Case ${caseSummary.reference}`}>{caseSummary.title}</PageHeading>
      <p className="flex flex-wrap gap-2 -mt-2 mb-8">
        <Tag colour="grey">{CASE_KIND_LABELS[caseSummary.kind]}</Tag>
        <CaseStatusTag status={caseSummary.status} />
        <RiskTag level={caseSummary.riskLevel} />
        {caseSummary.restricted ? <RestrictedTag /> : null}
      </p>
    </>
  );
}

export function CaseDetailsSection({ caseDetail: c }: { caseDetail: CaseDetail }) {
  const change = (anchor: string, what: string) =>
    c.rights.manage ? { href: `/cases/${c.id}/edit#${anchor}`, visuallyHiddenText: what } : undefined;
  return (
    <>
      {c.status === "CLOSED" ? (
        <InsetText>
          <p>
            Closed on {c.closedAt ? whenWords(c.closedAt, c.updatedAt) : "an unknown date"}
            {c.closureReason ? `: ${CLOSURE_REASON_LABELS[c.closureReason].toLowerCase()}` : ""}.
          </p>
          {c.closureNote ? <p className="whitespace-pre-line">{c.closureNote}</p> : null}
        </InsetText>
      ) : null}
      <SummaryList
        rows={[
          { key: "Reference", value: c.reference },
          { key: "Kind", value: CASE_KIND_LABELS[c.kind] },
          { key: "Title", value: c.title, action: change("title", "title") },
          {
            key: "Summary",
            value: c.summary ? <p className="whitespace-pre-line">{c.summary}</p> : null,
            action: change("summary", "summary"),
          },
          {
            key: "Status",
            value: <CaseStatusTag status={c.status} />,
            action: c.rights.manage ? { href: `/cases/${c.id}/status`, visuallyHiddenText: "status" } : undefined,
          },
          { key: "Risk level", value: <RiskTag level={c.riskLevel} />, action: change("riskLevel", "risk level") },
          { key: "Lead organisation", value: c.leadOrganisation.name, action: change("leadOrganisationId", "lead organisation") },
          { key: "Lead officer", value: c.leadOfficer?.name ?? "Not assigned yet", action: change("leadOfficerId", "lead officer") },
          { key: "Opened", value: openedWords(c) },
        ]}
      />
      {!c.rights.manage ? (
        <p className="body-m text-ink-secondary">
          {c.leadOrganisation.name} leads this case: only they can change its details, status and sharing.
          {c.rights.contribute ? " You can add notes, incidents, people and places." : ""}
        </p>
      ) : null}
    </>
  );
}

/**
 * A date and time for what happened as it was typed in; the date alone for history recorded on a
 * later day (lib/history: its time is not known).
 */
function whenWords(at: Date, recordedAt: Date): string {
  return recordedLater(at, recordedAt) ? formatDate(at) : formatDateTime(at);
}

/** "20/04/2018 by …, recorded 07/12/2026" for a case opened before it was recorded here. */
function openedWords(c: CaseDetail): string {
  const by = `by ${c.createdBy.name}, ${c.createdBy.organisation.shortName}`;
  return recordedLater(c.openedAt, c.createdAt)
    ? `${formatDate(c.openedAt)} (recorded ${formatDate(c.createdAt)} ${by})`
    : `${formatDateTime(c.openedAt)} ${by}`;
}

export function CasePeopleSection({ caseDetail: c }: { caseDetail: CaseDetail }) {
  const mayAdd = c.rights.contribute && c.status !== "CLOSED";
  return (
    <>
      <SectionActions>
        {mayAdd ? (
          <Button href={`/cases/${c.id}/people/add`} variant="secondary">
            Add a person
          </Button>
        ) : null}
      </SectionActions>
      <Table
        caption="People in this case"
        captionHidden
        rows={c.people}
        rowKey={(p) => `${p.personId}|${p.role}`}
        emptyMessage="No people have been added to this case."
        columns={[
          { key: "name", header: "Name", rowHeader: true, cell: (p) => <Link href={`/people/${p.personId}`}>{p.name}</Link> },
          { key: "role", header: "Role", cell: (p) => ROLE_LABELS[p.role] },
          { key: "dob", header: "Date of birth", cell: (p) => (p.dateOfBirth ? formatDate(p.dateOfBirth) : "Not known") },
          { key: "alerts", header: "Alerts", cell: (p) => <PersonAlertTags alerts={p.alerts} none="None" /> },
          { key: "added", header: "Added", cell: (p) => formatDate(p.addedAt) },
          ...(c.rights.manage
            ? [
                {
                  key: "remove",
                  header: <span className="sr-only">Actions</span>,
                  cell: (p: CaseDetail["people"][number]) => (
                    <InlineCommand
                      action={removePersonAction}
                      fields={{ caseId: c.id, personId: p.personId, role: p.role }}
                      label="Remove"
                      hiddenText={`${p.name} (${ROLE_LABELS[p.role].toLowerCase()}) from the case`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export function CasePlacesSection({ caseDetail: c }: { caseDetail: CaseDetail }) {
  const mayAdd = c.rights.contribute && c.status !== "CLOSED";
  return (
    <>
      <SectionActions>
        {mayAdd ? (
          <Button href={`/cases/${c.id}/places/add`} variant="secondary">
            Add a place
          </Button>
        ) : null}
      </SectionActions>
      <Table
        caption="Places in this case"
        captionHidden
        rows={c.places}
        rowKey={(p) => p.locationId}
        emptyMessage="No places have been added to this case."
        columns={[
          {
            key: "address",
            header: "Address",
            rowHeader: true,
            cell: (p) => (
              <>
                <Link href={`/places/${p.locationId}`}>{p.addressLine1}</Link>
                {p.addressLine2 ? <span className="block">{p.addressLine2}</span> : null}
              </>
            ),
          },
          { key: "town", header: "Town", cell: (p) => p.town },
          { key: "postcode", header: "Postcode", cell: (p) => p.postcode ?? "Not known" },
          { key: "added", header: "Added", cell: (p) => formatDate(p.addedAt) },
          ...(c.rights.manage
            ? [
                {
                  key: "remove",
                  header: <span className="sr-only">Actions</span>,
                  cell: (p: CaseDetail["places"][number]) => (
                    <InlineCommand
                      action={removePlaceAction}
                      fields={{ caseId: c.id, locationId: p.locationId }}
                      label="Remove"
                      hiddenText={`${p.addressLine1} from the case`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The case page's parameter for the page of incidents. */
export const INCIDENTS_PAGE_PARAM = "incidentsPage";

/** The case's incidents, most recent first, a page at a time (`?incidentsPage=2#incidents`). */
export async function CaseIncidentsSection({
  actor,
  caseDetail: c,
  searchParams,
}: {
  actor: Actor;
  caseDetail: CaseDetail;
  searchParams: SearchParamsRecord;
}) {
  const mayAdd = c.rights.contribute && c.status !== "CLOSED";
  const incidents = await listCaseIncidents(actor, c.id, pageNumberParam(firstParam(searchParams[INCIDENTS_PAGE_PARAM])));
  const { rows, totalPages, page } = incidents;
  return (
    <>
      <SectionActions>
        {mayAdd ? (
          <Button href={`/cases/${c.id}/incidents/add`} variant="secondary">
            Add incidents
          </Button>
        ) : null}
      </SectionActions>
      {totalPages > 1 ? (
        <p className="body-m text-ink-secondary">
          {showingWords(incidents)}, most recent first (page {page} of {totalPages}).
        </p>
      ) : null}
      <Table
        caption={`Incidents in this case, most recent first${totalPages > 1 ? `, page ${page} of ${totalPages}` : ""}`}
        captionHidden
        rows={rows}
        rowKey={(i) => i.id}
        emptyMessage="No incidents have been linked to this case."
        columns={[
          {
            key: "reference",
            header: "Reference",
            rowHeader: true,
            className: "whitespace-nowrap",
            cell: (i) => <Link href={`/incidents/${i.id}`}>{i.reference}</Link>,
          },
          { key: "occurred", header: "Happened", cell: (i) => formatDateTime(i.occurredAt) },
          { key: "type", header: "Type", cell: (i) => TYPE_LABELS[i.type] },
          { key: "place", header: "Place", cell: (i) => i.place ?? <span className="text-ink-secondary">None</span> },
          { key: "org", header: "Logged by", cell: (i) => i.reportingOrganisation },
          { key: "risk", header: "Risk", cell: (i) => <RiskTag level={i.riskLevel} /> },
          ...(rows.some((i) => i.mayUnlink)
            ? [
                {
                  key: "remove",
                  header: <span className="sr-only">Actions</span>,
                  cell: (i: CaseIncidentRow) =>
                    i.mayUnlink ? (
                      <InlineCommand
                        action={unlinkIncidentAction}
                        fields={{ caseId: c.id, incidentId: i.id }}
                        label="Remove"
                        hiddenText={`${i.reference} from the case`}
                      />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Pagination
        page={page}
        totalPages={totalPages}
        pathname={`/cases/${c.id}`}
        searchParams={{ ...searchParams, notice: undefined, problem: undefined }}
        pageParam={INCIDENTS_PAGE_PARAM}
        fragment="#incidents"
        label="Pages of incidents"
      />
    </>
  );
}

export function CaseSharingSection({ caseDetail: c }: { caseDetail: CaseDetail }) {
  const current = c.shares.filter((s) => !s.withdrawnAt);
  return (
    <>
      <SectionActions>
        {c.rights.manage ? (
          <Button href={`/cases/${c.id}/sharing`} variant="secondary">
            Share with another organisation
          </Button>
        ) : null}
      </SectionActions>
      <p className="body-m">
        {c.leadOrganisation.name} leads this case.{" "}
        {current.length === 0
          ? "It is not shared with any other organisation."
          : `It is shared with ${current.length === 1 ? "1 other organisation" : `${current.length} other organisations`}.`}
        {c.restricted ? " As a restricted MARAC case, only MARAC panel members in these organisations can see it." : ""}
      </p>
      <Table
        caption="Organisations this case is shared with"
        captionHidden
        rows={c.shares}
        rowKey={(s) => s.organisation.id}
        emptyMessage="Not shared."
        columns={[
          { key: "org", header: "Organisation", rowHeader: true, cell: (s) => s.organisation.name },
          { key: "since", header: "Shared", cell: (s) => `${formatDateTime(s.sharedAt)}${s.sharedBy ? ` by ${s.sharedBy}` : ""}` },
          {
            key: "state",
            header: "Status",
            cell: (s) =>
              s.withdrawnAt ? <Tag colour="grey">{`Withdrawn ${formatDate(s.withdrawnAt)}`}</Tag> : <Tag colour="green">Shared</Tag>,
          },
          ...(c.rights.manage
            ? [
                {
                  key: "withdraw",
                  header: <span className="sr-only">Actions</span>,
                  cell: (s: CaseDetail["shares"][number]) =>
                    s.withdrawnAt ? null : (
                      // Its own page: withdrawing is checked before it is done, and takes the day it happened.
                      <Link href={`/cases/${c.id}/sharing/${s.organisation.id}/withdraw`}>
                        Withdraw<span className="sr-only"> sharing with {s.organisation.name}</span>
                      </Link>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
