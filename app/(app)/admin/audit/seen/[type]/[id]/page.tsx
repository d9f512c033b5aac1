import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { AuditTable } from "@/components/audit/audit-table";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/not-found";
import { SEEN_RECORD_TYPES, whoHasSeen, type SeenRecordType } from "@/lib/audit/data";
import { decodeAuditCursor, encodeAuditCursor } from "@/lib/audit/filters";

// No name in the title: titles end up in browser history.
export const metadata: Metadata = { title: "Who has seen this record" };

type Props = { params: Promise<{ type: string; id: string }>; searchParams: Promise<SearchParamsRecord> };

/** Every view of one case or person: who, from which organisation, when. */
export default async function WhoHasSeenPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const [{ type, id }, query] = await Promise.all([params, searchParams]);
  if (!Object.hasOwn(SEEN_RECORD_TYPES, type)) notFound();
  const seenType = type as SeenRecordType;
  const cursor = decodeAuditCursor(firstParam(query.after));
  const { record, page } = await orNotFound(whoHasSeen(actor, seenType, id, cursor));
  const path = `/admin/audit/seen/${seenType}/${id}`;
  const back = can(actor, "audit:read")
    ? { href: `/admin/audit?type=${SEEN_RECORD_TYPES[seenType]}&record=${id}`, label: "Audit trail of this record" }
    : {
        href: seenType === "case" ? `/cases/${id}` : `/people/${id}`,
        label: seenType === "case" ? "Back to the case" : "Back to the profile",
      };
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <PageHeading caption={seenType === "case" ? `Case ${record.label}` : "Person profile"}>
        Who has seen {seenType === "case" ? "this case" : "this person"}
      </PageHeading>
      <p className="body-m">Every time someone opened this {seenType === "case" ? "case" : "person's profile"}, newest first.</p>
      <AuditTable rows={page.rows} caption="Views of this record" emptyMessage="Nobody has viewed this record yet." showRecord={false} />
      <nav aria-label="Pages of views" className="flex gap-6 body-m">
        {cursor ? <Link href={hrefWithParams(path, query, { after: null })}>Most recent views</Link> : null}
        {page.next ? <Link href={hrefWithParams(path, query, { after: encodeAuditCursor(page.next) })}>Older views</Link> : null}
      </nav>
    </>
  );
}
