"use client";

import { createContext, Fragment, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { Button, ButtonGroup } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { formatDateTime } from "@/lib/format/dates";
import { IDLE, type FormState, type FormValues } from "@/lib/forms";

// Drafts: what an officer has typed into a long form (an incident, a case note, a power, a
// referral, the DASH checklist), kept in this browser as they type, so that a session timing out,
// a reload or a lost connection loses nothing: the form offers it back ("Restore" or "Discard").
//
// Kept in the browser, not on the server, because the moments it must survive are the ones when
// the server cannot be reached (a lost connection) or will not answer (the session has ended).
// They hold personal data, so: each is tied to the user (another user signing in on this browser
// wipes them), lasts at most 12 hours (a session's longest life), is deleted when its form is sent
// successfully or discarded, and signing out wipes them all, as meeting mode's drafts are.

const PREFIX = "draft:";
const LAST_USER = "draft-user";
export const DRAFT_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Never kept: the form's one-time key (a fresh one comes with the page) and Next's own fields. */
const NOT_KEPT = /^(submissionKey|\$ACTION|\$ACTION_)/;

type Draft = { savedAt: number; values: [string, string][] };

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

const keysWith = (prefix: string): string[] => {
  const store = storage();
  if (!store) return [];
  return Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k !== null && k.startsWith(prefix));
};

// When sign-out began: a save still pending from the last keystroke (or the blur that pressing
// "Sign out" causes) must not write the draft back after the wipe. Saves wait out a quiet spell
// well past the keystroke debounce, or until someone signs in again; a sign-out that failed (the
// connection gone) does not stop the form keeping drafts for good.
let signOutStartedAt: number | null = null;
const SIGN_OUT_QUIET_MS = 10_000;
const signingOut = () => signOutStartedAt !== null && Date.now() - signOutStartedAt < SIGN_OUT_QUIET_MS;

/** Signing out wipes every form draft in this browser. */
export function clearAllDrafts() {
  signOutStartedAt = Date.now();
  for (const key of keysWith(PREFIX)) storage()?.removeItem(key);
  storage()?.removeItem(LAST_USER);
}

const DraftUser = createContext<string | null>(null);

/**
 * The signed-in user's drafts are theirs alone: when someone else signs in on this browser, the
 * drafts left there are wiped before any form can offer them.
 */
export function DraftOwner({ userId, children }: { userId: string; children: ReactNode }) {
  useEffect(() => {
    signOutStartedAt = null;
    const store = storage();
    if (!store) return;
    if (store.getItem(LAST_USER) !== userId) {
      for (const key of keysWith(PREFIX)) store.removeItem(key);
      store.setItem(LAST_USER, userId);
    }
  }, [userId]);
  return <DraftUser.Provider value={userId}>{children}</DraftUser.Provider>;
}

const fullKey = (userId: string, formKey: string) => `${PREFIX}${userId}:${formKey}`;

function read(key: string): Draft | null {
  const text = storage()?.getItem(key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    if (typeof draft.savedAt !== "number" || Date.now() - draft.savedAt > DRAFT_LIFETIME_MS || !Array.isArray(draft.values)) {
      storage()?.removeItem(key);
      return null;
    }
    return draft;
  } catch {
    storage()?.removeItem(key);
    return null;
  }
}

export function draftValues(draft: Draft): FormValues {
  const values: FormValues = {};
  for (const [name, value] of draft.values) {
    const existing = values[name];
    values[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** Deletes a form's draft: on the page a successful submission leads to, or when the form says it saved. */
export function ClearDraft({ formKey }: { formKey: string }) {
  const userId = useContext(DraftUser);
  useEffect(() => {
    if (userId) storage()?.removeItem(fullKey(userId, formKey));
  }, [userId, formKey]);
  return null;
}

/** Puts stored values back into a form's own fields (text, selects, radios and checkboxes). */
export function fillForm(form: HTMLFormElement, values: FormValues) {
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || NOT_KEPT.test(element.name) || (element instanceof HTMLInputElement && element.type === "hidden")) continue;
    const stored = values[element.name];
    if (stored === undefined) continue;
    const list = Array.isArray(stored) ? stored : [stored];
    if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox"))
      element.checked = list.includes(element.value);
    else element.value = list[0] ?? "";
  }
}

/**
 * Keeps a form's draft as the user types, and offers an earlier one back. `formKey` names the form
 * (e.g. "incident:new", "case-note:<case id>"); `saved` is true once the form has been sent
 * successfully (the draft is then deleted). `onRestore` puts the values back (default: into the
 * form's fields).
 */
export function useDraft(formKey: string, options: { saved?: boolean; onRestore?: (values: FormValues) => void } = {}) {
  const userId = useContext(DraftUser);
  const key = userId ? fullKey(userId, formKey) : null;
  // The form element (a callback ref, so a form drawn afresh, after a restore, is followed too).
  const [form, attachForm] = useState<HTMLFormElement | null>(null);
  const [offered, setOffered] = useState<Draft | null>(null);
  // While an earlier draft is on offer, nothing typed replaces it until the user has chosen.
  const deciding = offered !== null && !options.saved;

  // An earlier draft is offered once, when the form is first drawn.
  useEffect(() => {
    if (!key) return;
    const earlier = read(key);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing from the browser's storage, once it exists (after hydration)
    setOffered(earlier);
  }, [key]);

  useEffect(() => {
    if (key && options.saved) storage()?.removeItem(key);
  }, [key, options.saved]);

  const save = useCallback(() => {
    if (!key || !form || deciding || signingOut()) return;
    const values: [string, string][] = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (typeof value === "string" && !NOT_KEPT.test(name)) values.push([name, value]);
    }
    try {
      storage()?.setItem(key, JSON.stringify({ savedAt: Date.now(), values } satisfies Draft));
    } catch {
      // Storage full or blocked: the form still works, without a draft.
    }
  }, [key, form, deciding]);

  useEffect(() => {
    if (!form || !key) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onEdit = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    };
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    // A submission saves at once: if it meets an ended session, the draft is there after signing in.
    form.addEventListener("submit", save);
    return () => {
      form.removeEventListener("input", onEdit);
      form.removeEventListener("change", onEdit);
      form.removeEventListener("submit", save);
      clearTimeout(timer);
    };
  }, [key, form, save]);

  const restore = () => {
    if (!offered) return;
    const values = draftValues(offered);
    if (options.onRestore) options.onRestore(values);
    else if (form) fillForm(form, values);
    setOffered(null);
  };
  const discard = () => {
    if (key) storage()?.removeItem(key);
    setOffered(null);
  };

  const banner =
    offered && !options.saved ? (
      <NotificationBanner heading="You have unsaved work on this form" focusOnMount>
        <p className="body-m">
          What you typed was kept in this browser on {formatDateTime(new Date(offered.savedAt))}, before it was sent. Restore it to carry
          on, or discard it.
        </p>
        <ButtonGroup>
          <Button type="button" onClick={restore} className="mb-0">
            Restore what I typed
          </Button>
          <Button type="button" variant="secondary" onClick={discard} className="mb-0">
            Discard it
          </Button>
        </ButtonGroup>
      </NotificationBanner>
    ) : null;

  return { attachForm, banner, clear: discard };
}

/**
 * A form with its draft, for forms whose fields start from what was posted (useForm's
 * `submitted`): restoring draws the form afresh from the draft, as from a form the server sent
 * back, so pickers, shown-or-hidden parts and previews follow the restored values too. The form
 * takes `attachForm` as its ref and passes `initialState` to useForm.
 */
export function WithDraft<S extends FormState = FormState>({
  formKey,
  children,
}: {
  formKey: string;
  children: (draft: { attachForm: (form: HTMLFormElement | null) => void; initialState: S; restored: FormValues | null }) => ReactNode;
}) {
  const [restored, setRestored] = useState<{ values: FormValues; generation: number } | null>(null);
  const { attachForm, banner } = useDraft(formKey, {
    onRestore: (values) => setRestored((r) => ({ values, generation: (r?.generation ?? 0) + 1 })),
  });
  const initialState = (restored ? { ...IDLE, values: restored.values } : IDLE) as S;
  return (
    <>
      {banner}
      <Fragment key={restored?.generation ?? 0}>{children({ attachForm, initialState, restored: restored?.values ?? null })}</Fragment>
    </>
  );
}
