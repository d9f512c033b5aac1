import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { API_CLIENT_STATUS, apiClientStatus, lastWorkingDay } from "@/lib/api/clients/labels";
import { scopeLabel } from "@/lib/api/clients/scopes";
import type { ApiClientRow } from "@/lib/api/clients/data";

/** The API clients an administrator or manager sees (lib/api/clients listApiClients decides which). */
export function ApiClientTable({ rows, now }: { rows: ApiClientRow[]; now: Date }) {
  return (
    <Table<ApiClientRow>
      caption="API clients"
      captionHidden
      rows={rows}
      rowKey={(c) => c.id}
      emptyMessage="No API clients yet."
      columns={[
        {
          key: "name",
          header: "Name",
          rowHeader: true,
          cell: (c) => (
            <Link href={`/admin/api-clients/${c.id}`} className="link-no-visited font-bold">
              {c.name}
            </Link>
          ),
        },
        { key: "organisation", header: "Organisation", cell: (c) => c.organisationName },
        { key: "scopes", header: "What it may do", cell: (c) => <ScopeList scopes={c.scopes} /> },
        { key: "expires", header: "Expires", cell: (c) => <>Works to {formatDate(lastWorkingDay(c.expiresAt))}</> },
        { key: "lastUsed", header: "Last used", cell: (c) => <LastUsed at={c.lastUsedAt} from={c.lastUsedFrom} /> },
        {
          key: "status",
          header: "Status",
          cell: (c) => {
            const status = API_CLIENT_STATUS[apiClientStatus(c, now)];
            return <Tag colour={status.colour}>{status.label}</Tag>;
          },
        },
        { key: "marac", header: "MARAC access", cell: (c) => (c.maracGrantedAt ? "Yes" : "No") },
      ]}
    />
  );
}

/** A client's scopes in words, one a line. */
export function ScopeList({ scopes }: { scopes: ApiClientRow["scopes"] }) {
  return (
    <ul className="m-0 p-0 list-none body-s">
      {scopes.map((scope) => (
        <li key={scope}>{scopeLabel(scope)}</li>
      ))}
    </ul>
  );
}

/** "05/04/2026 14:30, from 203.0.113.7", or "Never". */
export function LastUsed({ at, from }: { at: Date | null; from: string | null }) {
  if (!at) return <>Never</>;
  return (
    <>
      {formatDateTime(at)}
      {from ? <span className="block body-s break-all">from {from}</span> : null}
    </>
  );
}
