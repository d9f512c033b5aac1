import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { TwoFactorEnrolment } from "@/components/account/two-factor-enrolment";
import { getActorPendingTwoFactor } from "@/lib/auth/session";
import { startTwoFactorEnrolment, twoFactorStatus } from "@/lib/auth/account";
import { signOutAction } from "@/lib/auth/actions";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

/**
 * Where a user who must use two-factor sign-in, but has not set it up, is held after their password:
 * every other page sends them here until they have (lib/auth/session.ts requireActor). Anyone else
 * signed in may set it up here too (as from Your account).
 */
export default async function RequiredTwoFactorSetUpPage() {
  const actor = await getActorPendingTwoFactor();
  if (!actor) redirect("/sign-in");
  if ((await twoFactorStatus(actor)).enabled) {
    return (
      <div className="max-w-[40rem]">
        <PageHeading>Two-factor sign-in is set up</PageHeading>
        <p className="body-m">
          Your account already asks for a code from your app. <Link href="/account">Go to your account</Link> or{" "}
          <Link href="/">the dashboard</Link>.
        </p>
      </div>
    );
  }
  const { qrSvg, secret } = await startTwoFactorEnrolment(actor);
  return (
    <div className="max-w-[48rem]">
      <PageHeading caption={actor.twoFactorPending ? "Before you continue" : "Your account"}>Set up two-factor sign-in</PageHeading>
      {actor.twoFactorPending ? (
        <p className="body-m">
          Your organisation requires a code from an authenticator app on your phone each time you sign in, as well as your password. You
          need to set this up before you can use the service.
        </p>
      ) : (
        <p className="body-m">Protect your account with a code from an authenticator app on your phone as well as your password.</p>
      )}
      <TwoFactorEnrolment qrSvg={qrSvg} secret={secret} continueHref="/" />
      {actor.twoFactorPending ? (
        <form method="post" action={signOutAction} className="mt-8">
          <button type="submit" className="focus-like-link cursor-pointer p-0 bg-transparent border-0 underline body-m text-link">
            Sign out and do this later
          </button>
        </form>
      ) : null}
    </div>
  );
}
