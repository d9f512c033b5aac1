import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { LastUsed, ScopeList } from "@/components/admin/api-client-table";
import { RevokeApiClient } from "@/components/admin/revoke-api-client";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getApiClient } from "@/lib/api/clients/data";
import { API_CLIENT_STATUS, apiClientStatus, lastWorkingDay } from "@/lib/api/clients/labels";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";

// The title is the same for every client: what is in the page stays out of the history.
export const metadata: Metadata = { title: "API client" };

/** One client: what it may do, who made it, when it was last used; revoking it, checked first. */
export default async function ApiClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requireActor();
  const client = await orNotFound(getApiClient(actor, (await params).id));
  const revoked = firstParam((await searchParams).notice) === "revoked";
  const status = API_CLIENT_STATUS[apiClientStatus(client, new Date())];
  return (
    <>
      <BackLink href="/admin/api-clients">Back to API clients</BackLink>
      {revoked ? <NotificationBanner variant="success" heading="Client revoked. Its calls are now refused" /> : null}
      <PageHeading caption={client.organisationName}>{client.name}</PageHeading>
      <SummaryList
        rows={[
          { key: "Status", value: <Tag colour={status.colour}>{status.label}</Tag> },
          { key: "Organisation", value: client.organisationName },
          { key: "What it may do", value: <ScopeList scopes={client.scopes} /> },
          { key: "Addresses it calls from", value: client.allowedRange ?? "Any address" },
          { key: "Calls a minute", value: `Up to ${client.rateLimitPerMinute.toLocaleString("en-GB")}` },
          { key: "Made", value: `${formatDateTime(client.createdAt)} by ${client.createdBy}` },
          { key: "Works to", value: `The end of ${formatDate(lastWorkingDay(client.expiresAt))}` },
          { key: "Last used", value: <LastUsed at={client.lastUsedAt} from={client.lastUsedFrom} /> },
          {
            key: "MARAC access",
            value:
              client.maracGrantedAt && client.maracGrantedBy
                ? `Yes: granted by ${client.maracGrantedBy}, ${formatDateTime(client.maracGrantedAt)}`
                : "No. Only a chair of the MARAC can grant it",
          },
          ...(client.revokedAt
            ? [{ key: "Revoked", value: `${formatDateTime(client.revokedAt)}${client.revokedBy ? ` by ${client.revokedBy}` : ""}` }]
            : []),
        ]}
      />
      {can(actor, "audit:read") ? (
        <p className="body-m">
          <Link href={`/admin/audit?type=ApiClient&record=${client.id}`} className="link-no-visited">
            Its calls and changes in the audit trail
          </Link>
        </p>
      ) : null}
      {client.revokedAt ? null : (
        <section aria-labelledby="revoke-heading" className="mt-10 max-w-[40rem]">
          <h2 id="revoke-heading" className="heading-m">
            Revoke
          </h2>
          <RevokeApiClient clientId={client.id} version={client.version} />
        </section>
      )}
    </>
  );
}
