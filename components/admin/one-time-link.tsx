"use client";

import { useBrowserValue } from "@/components/ui/use-hydrated";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { WarningText } from "@/components/ui/warning-text";

/**
 * A one-time set-password link, shown once to the person who made it. The service sends no e-mail
 * yet, so they pass it on themselves (for example by their organisation's e-mail).
 */
export function OneTimeLink({ path, heading, forName, expiresIn }: { path: string; heading: string; forName: string; expiresIn: string }) {
  const origin = useBrowserValue(() => window.location.origin, "");
  const url = `${origin}${path}`;
  return (
    <NotificationBanner variant="success" heading={heading}>
      <p className="body-m">
        Send this link to {forName}. It lets them set their password once, and stops working after {expiresIn} or once it has been used.
      </p>
      <label htmlFor="one-time-link" className="block body-m font-bold mb-1">
        One-time link
      </label>
      <input
        id="one-time-link"
        readOnly
        value={url}
        className="w-full p-1.5 border-2 border-ink font-mono body-s mb-4"
        onFocus={(e) => e.currentTarget.select()}
      />
      <WarningText>This link is shown only now. This service does not send e-mail yet: copy it and pass it on yourself.</WarningText>
    </NotificationBanner>
  );
}

/** A change sent to a restricted panel's chairs instead of being made (separation of duties). */
export function RequestSent({ changes }: { changes: string[] }) {
  return (
    <NotificationBanner
      variant="important"
      role="status"
      heading={`Sent to the panel's chairs for approval: ${changes.join(", ")}`}
      focusOnMount={false}
    >
      <p className="body-m">
        A chair of the panel must approve this before it happens. Only they can give someone a restricted panel&apos;s case content, or
        recover the account of one of its members; any link it needs is shown to the chair who approves it, not to you.
      </p>
    </NotificationBanner>
  );
}
