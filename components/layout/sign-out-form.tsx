"use client";

import { signOutAction } from "@/lib/auth/actions";
import { clearMeetingDrafts } from "@/components/meetings/drafts";

/**
 * Sign-out also wipes meeting-mode drafts kept in this browser: unsaved MARAC notes must not stay
 * on a shared meeting-room computer after the chair has signed out.
 */
export function SignOutForm({ className }: { className: string }) {
  return (
    <form method="post" action={signOutAction} onSubmit={clearMeetingDrafts}>
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
