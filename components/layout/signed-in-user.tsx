import Link from "next/link";
import { SignOutForm } from "@/components/layout/sign-out-form";

/** The signed-in user's name, role and organisation, and the sign-out button, for the header. */
export function SignedInUser({
  name,
  roleLabel,
  organisationName,
  unread,
}: {
  name: string;
  roleLabel: string;
  organisationName: string;
  /** Unread notifications (capped: more than 99 shows "99+"). */
  unread: number;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-1 body-s">
      <p className="m-0">
        <span className="sr-only">Signed in as </span>
        <strong className="font-bold">{name}</strong>
        <span className="block text-white">
          {roleLabel}, {organisationName}
        </span>
      </p>
      <Link href="/notifications" className="text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-s">
        Notifications
        {unread > 0 ? (
          <>
            {" "}
            <span className="inline-block min-w-[1.5em] px-1 text-center bg-white text-ink font-bold no-underline rounded-sm">
              {unread > 99 ? "99+" : unread}
            </span>
            <span className="sr-only"> unread</span>
          </>
        ) : null}
      </Link>
      <Link href="/account" className="text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-s">
        Your account
      </Link>
      <SignOutForm className="focus-like-link cursor-pointer p-0 bg-transparent border-0 text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-s" />
    </div>
  );
}
