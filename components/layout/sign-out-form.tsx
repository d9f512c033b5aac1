"use client";

import { signOutAction } from "@/lib/auth/actions";
import { clearMeetingDrafts } from "@/components/meetings/drafts";
import { clearAllDrafts } from "@/components/forms/drafts";

/**
 * Sign-out also wipes the drafts kept in this browser (meeting mode's and the forms'): unsaved
 * MARAC notes or a victim's details must not stay on a shared computer after the user has signed out.
 */
export function SignOutForm({ className }: { className: string }) {
  return (
    <form
      method="post"
      action={signOutAction}
      onSubmit={() => {
        clearMeetingDrafts();
        clearAllDrafts();
      }}
    >
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
