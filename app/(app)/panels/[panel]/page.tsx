import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { AddPanelMemberForm, PanelRequestDecision, RemovePanelMember } from "@/components/panels/panel-forms";
import { MaracAccessButton } from "@/components/panels/marac-api-clients";
import { requireActor } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { panelOverview, type PanelMemberRow, type PanelRequestRow } from "@/lib/panels/data";
import { isRestrictedPanel, PANEL_REQUEST_KIND_LABELS, PANEL_SLUGS } from "@/lib/panels/rules";
import { PANEL_TITLES } from "@/lib/panels/labels";
import { describeScopes } from "@/lib/api/clients/labels";
import type { ApiClientRow } from "@/lib/api/clients/data";

export const metadata: Metadata = { title: "Panel access" };

const NOTICES: Record<string, string> = {
  removed: "Taken off the panel. They no longer see its cases, from their next page",
  "api-granted": "MARAC access granted. The client reads MARAC cases from its next call",
  "api-withdrawn": "MARAC access withdrawn. From its next call, the client reads no MARAC case",
};

/**
 * `/panels/marac`: the panel's access review, for its chairs. Requests to decide (only a chair
 * grants a restricted panel or recovers a member's account), and every member: since when, who
 * granted and approved it, their last sign-in and two-factor. For the MARAC, partner systems' API
 * clients too: only its chairs let one read MARAC cases.
 */
export default async function PanelPage({
  params,
  searchParams,
}: {
  params: Promise<{ panel: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requireActor();
  const panel = ownValue(PANEL_SLUGS, (await params).panel);
  if (!panel) notFound();
  const overview = await orNotFound(panelOverview(actor, panel));
  const panelName = PANEL_TITLES[panel];
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  return (
    <>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading caption="Panel access">{panelName}</PageHeading>
      <p className="body-m max-w-[40rem]">
        {isRestrictedPanel(panel)
          ? `Members of the ${panelName} see its restricted cases. Only a chair of the panel adds someone to it, makes a member a chair, or recovers a member's account; administrators and managers can only ask.`
          : `Members of the ${panelName} see its referrals and meetings.`}
      </p>

      <section aria-labelledby="requests-heading" className="mt-8">
        <h2 id="requests-heading" className="heading-m">
          Requests waiting for a chair ({overview.requests.length})
        </h2>
        {overview.requests.length === 0 ? <p className="body-m">There are no requests waiting.</p> : null}
        <ul className="list-none p-0">
          {overview.requests.map((request) => (
            <RequestItem key={request.id} request={request} panelName={panelName} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="heading-m">
          Members ({overview.members.length})
        </h2>
        <Table<PanelMemberRow>
          caption={`Members of the ${panelName}`}
          captionHidden
          rows={overview.members}
          rowKey={(m) => m.userId}
          columns={[
            {
              key: "name",
              header: "Member",
              rowHeader: true,
              cell: (m) => (
                <>
                  <span className="font-bold">{m.name}</span> <span className="block body-s">{m.organisationName}</span>
                  <span className="block body-s">{m.email}</span>
                  {m.active ? null : <Tag colour="grey">Disabled</Tag>}
                </>
              ),
            },
            { key: "role", header: "Role", cell: (m) => ROLE_LABELS[m.role] },
            {
              key: "since",
              header: "Member since",
              cell: (m) => (
                <>
                  {formatDate(m.since)}
                  <span className="block body-s">
                    {m.grantedBy ? `${m.approvedBy ? "Asked for by" : "Added by"} ${m.grantedBy.name}` : "Added before this was recorded"}
                  </span>
                  {m.approvedBy ? <span className="block body-s">Approved by {m.approvedBy.name}</span> : null}
                </>
              ),
            },
            { key: "login", header: "Last signed in", cell: (m) => (m.lastLoginAt ? formatDateTime(m.lastLoginAt) : "Never") },
            {
              key: "twoFactor",
              header: "Two-factor",
              cell: (m) => (m.twoFactor ? <Tag colour="green">On</Tag> : <Tag colour="orange">Off</Tag>),
            },
            {
              key: "remove",
              header: "Remove",
              cell: (m) => (m.userId === actor.userId ? "You" : <RemovePanelMember panel={panel} userId={m.userId} name={m.name} />),
            },
          ]}
        />
      </section>

      <section aria-labelledby="add-heading" className="mt-8">
        <h2 id="add-heading" className="heading-m">
          Add a member
        </h2>
        <AddPanelMemberForm panel={panel} panelName={panelName} />
      </section>

      {panel === "MARAC" ? <MaracApiClients clients={overview.apiClients} /> : null}
    </>
  );
}

/** Partner systems' API clients: only a chair of the MARAC lets one read MARAC cases. */
function MaracApiClients({ clients }: { clients: ApiClientRow[] }) {
  return (
    <section aria-labelledby="api-clients-heading" className="mt-8">
      <h2 id="api-clients-heading" className="heading-m">
        API clients ({clients.length})
      </h2>
      <p className="body-m max-w-[40rem]">
        A client granted MARAC access reads MARAC cases through the API, within what its organisation&apos;s managers allowed it to do.
      </p>
      {clients.length === 0 ? <p className="body-m">There are no API clients in use.</p> : null}
      <ul className="list-none p-0">
        {clients.map((c) => (
          <li key={c.id} className="border-t-2 border-border py-4">
            <h3 className="heading-s mb-1">{c.name}</h3>
            <p className="body-s mb-1">
              {c.organisationName} · made by {c.createdBy} on {formatDate(c.createdAt)}
            </p>
            <p className="body-s mb-1">May do: {describeScopes(c.scopes)}</p>
            <p className="body-s mb-3">
              {c.maracGrantedAt ? (
                <>
                  <Tag colour="purple">MARAC access</Tag> granted by {c.maracGrantedBy ?? "someone no longer recorded"} on{" "}
                  {formatDateTime(c.maracGrantedAt)}
                </>
              ) : (
                "No MARAC access"
              )}
            </p>
            <MaracAccessButton clientId={c.id} name={c.name} granted={c.maracGrantedAt !== null} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ request, panelName }: { request: PanelRequestRow; panelName: string }) {
  return (
    <li className="border-t-2 border-border py-4">
      <h3 className="heading-s mb-1">
        {PANEL_REQUEST_KIND_LABELS[request.kind]}: {request.user.name}
      </h3>
      <p className="body-s mb-3">
        {request.user.organisationName} · {ROLE_LABELS[request.user.role]} · {request.user.email}
        <br />
        Asked for by {request.requestedBy?.name ?? "someone no longer recorded"} on {formatDateTime(request.requestedAt)}
        {request.user.passwordSet ? null : " · has not set a password yet"}
      </p>
      {request.ownRequest ? (
        <p className="body-m">You asked for this, or it is about your own account, so another chair of the panel must decide it.</p>
      ) : (
        <PanelRequestDecision
          requestId={request.id}
          version={request.version}
          panelName={panelName}
          replacesPassword={request.replacesPassword}
        />
      )}
    </li>
  );
}
