import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { refusePage } from "@/lib/auth/refuse";
import { formatDateTime } from "@/lib/format/dates";
import { deliveryStatus } from "@/lib/notifications/data";
import { KINDS } from "@/lib/notifications/kinds";

export const metadata: Metadata = { title: "E-mail delivery" };

const STATE_TAGS = {
  PENDING: ["Waiting", "yellow"],
  FAILED: ["Failed", "red"],
  SENT: ["Sent", "green"],
  IN_DIGEST: ["Daily e-mail", "grey"],
} as const;

/** `/admin/notifications`: administrators see how e-mail delivery stands; never a message's content. */
export default async function DeliveryStatusPage() {
  const actor = await requirePermission("admin:access");
  const status = await deliveryStatus(actor);
  if (!status) return refusePage(actor, "admin:users-all");
  return (
    <>
      <PageHeading caption="Administration">E-mail delivery</PageHeading>
      <p className="body-m max-w-[40rem]">
        Notification e-mails go through the outbox: a message waiting is sent when the mail server answers, and tried again with longer gaps
        while it does not. This page never shows what a message said or what record it was about.
      </p>
      <SummaryList
        rows={[
          { key: "Waiting to be sent", value: String(status.counts.PENDING) },
          { key: "Waiting for a daily e-mail", value: String(status.counts.IN_DIGEST) },
          { key: "Sent", value: String(status.counts.SENT) },
          { key: "Failed", value: String(status.counts.FAILED) },
        ]}
      />
      <Table
        caption="Waiting and failed, newest first (up to 50)"
        rows={status.recent}
        rowKey={(r) => r.id}
        emptyMessage="Nothing is waiting or failed."
        columns={[
          { key: "created", header: "Created", cell: (r) => formatDateTime(r.createdAt) },
          { key: "kind", header: "Kind", cell: (r) => KINDS[r.kind].choice },
          { key: "to", header: "To", cell: (r) => `${r.recipient.name} (${r.recipient.email})` },
          {
            key: "state",
            header: "State",
            cell: (r) => <Tag colour={STATE_TAGS[r.state][1]}>{STATE_TAGS[r.state][0]}</Tag>,
          },
          { key: "attempts", header: "Tries", cell: (r) => String(r.attempts) },
          { key: "answer", header: "Mail server's last answer", cell: (r) => r.lastError ?? "—" },
        ]}
      />
    </>
  );
}
