import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { requirePermission } from "@/lib/auth/session";
import { auditSearchChoices, AUDIT_EXPORT_CAP, searchAuditTrail } from "@/lib/audit/data";
import { decodeAuditCursor, encodeAuditCursor, hasAnyAuditFilter, parseAuditFilters } from "@/lib/audit/filters";

export const metadata: Metadata = { title: "Audit trail" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/admin/audit";
const EXPORT_PATH = "/api/audit/export";

/** The audit trail for administrators: search, page through (newest first) and export. */
export default async function AuditTrailPage({ searchParams }: Props) {
  const actor = await requirePermission("audit:read");
  const params = await searchParams;
  const parsed = parseAuditFilters(params);
  const cursor = decodeAuditCursor(firstParam(params.after));
  const [page, choices] = await Promise.all([searchAuditTrail(actor, parsed.filters, cursor), auditSearchChoices(actor)]);
  const filtered = hasAnyAuditFilter(parsed.values);
  const exportHref = hrefWithParams(EXPORT_PATH, params, { after: null });
  return (
    <>
      <PageHeading caption="Administration">Audit trail</PageHeading>
      <p className="body-m">
        Every view of a case or person, every change, export, sign-in and refused access. Entries cannot be changed or removed.{" "}
        <Link href={`${PATH}/verify`}>Check the trail has not been tampered with</Link>.
      </p>
      <AuditFilters path={PATH} parsed={parsed} users={choices.users} organisations={choices.organisations} />
      {page.unknownRecord ? <NotificationBanner heading="No record has that reference" /> : null}
      <div className="flex flex-wrap gap-x-6 gap-y-2 items-center mb-6">
        <p className="heading-s m-0" role="status">
          {cursor ? "Older events" : "Most recent events"}
          {filtered ? " matching your search" : ""}
        </p>
        {/* A plain link, not next/link: a prefetch must never start (and audit) an export. */}
        <a href={exportHref} className={buttonClasses("secondary", "mb-0")}>
          Export as CSV
        </a>
      </div>
      <p className="body-s text-ink-secondary">
        The export holds up to {AUDIT_EXPORT_CAP.toLocaleString("en-GB")} events of this search; exports are themselves audited.
      </p>
      <AuditTable
        rows={page.rows}
        caption={`Audit events${filtered ? ", filtered" : ""}`}
        emptyMessage={filtered ? "No events match this search." : "No events have been recorded."}
        linkSeen
      />
      <nav aria-label="Audit trail pages" className="flex gap-6 body-m">
        {cursor ? <Link href={hrefWithParams(PATH, params, { after: null })}>Most recent events</Link> : null}
        {page.next ? <Link href={hrefWithParams(PATH, params, { after: encodeAuditCursor(page.next) })}>Older events</Link> : null}
      </nav>
    </>
  );
}
