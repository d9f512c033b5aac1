import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { ChangePasswordForm, DisableTwoFactorForm, RegenerateRecoveryCodesForm } from "@/components/account/account-forms";
import { requireActor } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { twoFactorStatus } from "@/lib/auth/account";
import { notificationPreferences } from "@/lib/notifications/data";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { formatDate } from "@/lib/format/dates";
import { PANEL_TITLES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Your account" };

const NOTICES: Record<string, string> = {
  "password-changed": "Your password has been changed. You have been signed out on your other devices",
  "two-factor-off": "Two-factor sign-in is off",
  "notifications-saved": "Your notification choices are saved",
};

/** The signed-in user's own details and sign-in security. Everyone signed in may reach it. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireActor();
  const [status, preferences] = await Promise.all([twoFactorStatus(actor), notificationPreferences(actor)]);
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  return (
    <>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading>Your account</PageHeading>
      <SummaryList
        rows={[
          { key: "Name", value: actor.name },
          { key: "Email address", value: actor.email },
          { key: "Organisation", value: actor.organisationName },
          { key: "Role", value: ROLE_LABELS[actor.role] },
          { key: "Panels", value: actor.panels.length > 0 ? actor.panels.map((p) => PANEL_TITLES[p]).join(", ") : "None" },
        ]}
      />
      <p className="body-m">To change your name, role, organisation or panels, ask your manager or administrator.</p>

      <section aria-labelledby="two-factor-heading" className="mt-10">
        <h2 id="two-factor-heading" className="heading-m">
          Two-factor sign-in
        </h2>
        {status.enabled ? (
          <>
            <p className="body-m">
              <Tag colour="green">On</Tag> since {status.enabledAt ? formatDate(status.enabledAt) : "—"}. You have{" "}
              {status.recoveryCodesLeft} unused recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"}.
            </p>
            <h3 className="heading-s">Recovery codes</h3>
            <RegenerateRecoveryCodesForm />
            {status.required ? (
              <p className="body-m mt-6">Two-factor sign-in is required for your account, so it cannot be turned off.</p>
            ) : (
              <>
                <h3 className="heading-s mt-6">Turn off two-factor sign-in</h3>
                <DisableTwoFactorForm />
              </>
            )}
          </>
        ) : (
          <>
            <p className="body-m">
              <Tag colour="grey">Off</Tag> Protect your account with a code from an authenticator app on your phone as well as your
              password.
            </p>
            <Button href="/account/two-factor">Set up two-factor sign-in</Button>
          </>
        )}
      </section>

      <section aria-labelledby="notifications-heading" id="notifications" className="mt-10">
        <h2 id="notifications-heading" className="heading-m">
          Notifications
        </h2>
        <p className="body-m max-w-[40rem]">
          Every notification is on your <Link href="/notifications">notifications page</Link>. Choose which are also e-mailed to you.
          E-mails never say who or what a record is about: they give its reference and a link, and you sign in to see it.
        </p>
        <PreferencesForm preferences={preferences} />
      </section>

      <section aria-labelledby="password-heading" className="mt-10">
        <h2 id="password-heading" className="heading-m">
          Change your password
        </h2>
        {status.passwordSetAt ? <p className="body-m">Last changed {formatDate(status.passwordSetAt)}.</p> : null}
        <ChangePasswordForm />
      </section>
    </>
  );
}
