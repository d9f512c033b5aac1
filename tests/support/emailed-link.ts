import { db } from "@/lib/db";

/**
 * The one-time set-password token in the newest invitation or reset e-mail waiting for `userId`
 * (read from the outbox, as the mail worker would send it): the only place a link ever appears.
 */
export async function emailedToken(userId: string): Promise<string> {
  const notice = await db.notification.findFirst({
    where: { userId, kind: { in: ["INVITATION", "PASSWORD_RESET"] }, secretLink: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { secretLink: true },
  });
  const token = notice?.secretLink?.split("/set-password/")[1];
  if (!token) throw new Error("expected a set-password link e-mailed to the account");
  return token;
}
