import type { Metadata } from "next";
import Link from "next/link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { Tag } from "@/components/ui/tag";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { markAllReadAction } from "@/lib/notifications/actions";
import { listNotifications } from "@/lib/notifications/data";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";

export const metadata: Metadata = { title: "Notifications" };

const NOTICES: Record<string, string> = { "all-read": "All your notifications are marked as read" };

/** `/notifications`: the signed-in person's notifications, newest first; opening one marks it read. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(firstParam(params.page) ?? "1", 10) || 1));
  const list = await listNotifications(actor, page);
  const notice = ownValue(NOTICES, firstParam(params.notice));
  const unread = list.rows.some((n) => !n.read);
  return (
    <>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading>Notifications</PageHeading>
      <p className="body-m max-w-[40rem]">
        What has happened that you need to know about. Choose which of these are also e-mailed to you, and when, on{" "}
        <Link href="/account#notifications">your account page</Link>.
      </p>
      {list.rows.length === 0 ? (
        <p className="body-m">You have no notifications.</p>
      ) : (
        <>
          {unread ? (
            <form method="post" action={markAllReadAction} className="mb-6">
              <button type="submit" className="app-button body-s px-3 py-2 border-2 border-ink bg-white">
                Mark all as read
              </button>
            </form>
          ) : null}
          <ul className="list-none p-0 m-0 border-t border-border max-w-[50rem]">
            {list.rows.map((n) => (
              <li key={n.id} className="py-3 border-b border-border flex flex-wrap gap-x-4 gap-y-1 items-baseline">
                {n.read ? null : <Tag colour="blue">New</Tag>}
                <Link href={`/notifications/${n.id}`} prefetch={false} className={n.read ? "body-m" : "body-m font-bold"}>
                  {n.text}
                </Link>
                <span className="body-s text-ink-secondary">{formatDateTime(n.createdAt)}</span>
              </li>
            ))}
          </ul>
          <Pagination page={list.page} totalPages={list.totalPages} pathname="/notifications" searchParams={params} />
        </>
      )}
    </>
  );
}
