import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { requirePermission } from "@/lib/auth/session";
import { verifyAuditTrail } from "@/lib/audit/data";
import { formatDateTime } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Check the audit trail" };

/** Walks the whole hash chain now and says whether it holds, or where it first breaks. */
export default async function VerifyAuditTrailPage() {
  const actor = await requirePermission("audit:read");
  const report = await verifyAuditTrail(actor);
  return (
    <>
      <BackLink href="/admin/audit">Audit trail</BackLink>
      <PageHeading caption="Administration">Check the audit trail</PageHeading>
      {report.ok ? (
        <NotificationBanner variant="success" heading="The audit trail is intact">
          <p className="body-m">All {report.checked.toLocaleString("en-GB")} sealed entries are unchanged and in an unbroken chain.</p>
          {report.pending > 0 ? (
            <p className="body-m">
              {report.pending.toLocaleString("en-GB")} newer {report.pending === 1 ? "entry is" : "entries are"} waiting to be sealed
              {report.oldestPendingAt ? ` (the oldest written ${formatDateTime(report.oldestPendingAt)})` : ""}; each was written with its
              own seal, which holds. The job worker seals new entries within seconds: if this stays, check that it is running.
            </p>
          ) : null}
        </NotificationBanner>
      ) : (
        <NotificationBanner heading={`The audit trail is broken at entry ${report.brokenAtId}`}>
          <p className="body-m">
            Entry {report.brokenAtId}: {report.reason}. The {report.checked.toLocaleString("en-GB")} entries before it are intact. Report
            this to your information security officer.
          </p>
        </NotificationBanner>
      )}
      <p className="body-m">
        Each entry carries a seal over its content made with a key kept outside the database, and within seconds of being written the job
        worker links it to the entry before it, so changing, removing or inserting an entry breaks the chain from that entry on. The app
        itself may only add entries; the database refuses it any change. The same check runs from the command line:{" "}
        <code>npm run audit:verify</code>.
      </p>
    </>
  );
}
