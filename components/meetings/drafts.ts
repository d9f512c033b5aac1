// Where meeting mode keeps unsaved text in this browser, and how sign-out wipes it.

const PREFIX = "meeting:";

export const meetingDraftKey = (meetingId: string, itemId: string) => `${PREFIX}${meetingId}:item:${itemId}`;

export function clearMeetingDrafts() {
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
    for (const key of keys) if (key?.startsWith(PREFIX)) window.localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept there either.
  }
}
