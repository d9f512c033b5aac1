"use client";

import { NotificationBanner } from "@/components/ui/notification-banner";

/**
 * A set-password link went by e-mail to the account's own address, shown masked. Nobody else ever
 * sees the link, so a password set from it is known to its owner alone.
 */
export function LinkSent({ heading, sentTo, expiresIn }: { heading: string; sentTo: string; expiresIn: string }) {
  return (
    <NotificationBanner variant="success" heading={heading}>
      <p className="body-m">
        We have e-mailed a one-time link to their own address ({sentTo}). It lets them set their password once, and stops working after{" "}
        {expiresIn} or once it has been used. If it does not arrive, check the address on their page and send a new one.
      </p>
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
        recover the account of one of its members; any link it needs is e-mailed to the account&apos;s own address when they approve.
      </p>
    </NotificationBanner>
  );
}
