import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActorPendingTwoFactor, TWO_FACTOR_SET_UP_PATH } from "@/lib/auth/session";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const params = await searchParams;
  // Already signed in (e.g. the back button after signing in): go where they were going.
  const actor = await getActorPendingTwoFactor();
  if (actor?.twoFactorPending) redirect(TWO_FACTOR_SET_UP_PATH);
  if (actor) redirect(safeCallbackPath(firstParam(params.callbackUrl)));
  const signedOut = firstParam(params.signedOut) === "1";
  const passwordSet = firstParam(params.passwordSet) === "1";
  const expired = firstParam(params.expired) === "1";
  return (
    <div className="max-w-[40rem]">
      {signedOut ? <NotificationBanner variant="success" heading="You have signed out" focusOnMount={false} /> : null}
      {expired ? (
        <NotificationBanner heading="You were signed out" focusOnMount={false}>
          <p className="body-m">
            For your security, you are signed out after 30 minutes without using the service. Sign in again to carry on: a form you were
            filling in offers back what you had typed.
          </p>
        </NotificationBanner>
      ) : null}
      {passwordSet ? (
        <NotificationBanner variant="success" heading="Your password is set. Sign in with it now" focusOnMount={false} />
      ) : null}
      <SignInForm callbackPath={safeCallbackPath(firstParam(params.callbackUrl))} initial={{ step: "password" }} />
    </div>
  );
}
