import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { openNotification } from "@/lib/notifications/data";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Notification" };

/** `/notifications/[id]`: opens one of the signed-in person's notifications (marked read) at what it is about. */
export default async function OpenNotificationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const link = await orNotFound(openNotification(actor, (await params).id));
  // The link is a path the service wrote, never one from the request; the page it opens checks access itself.
  redirect(link.startsWith("/") && !link.startsWith("//") ? link : "/notifications");
}
