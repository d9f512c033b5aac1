"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { Button, ButtonGroup } from "@/components/ui/button";
import { SignOutForm } from "./sign-out-form";

// The GOV.UK timeout warning: five minutes before a session would end for want of use, a modal
// dialog says so and offers "Stay signed in" (a signed-in request keeps the session alive) or
// "Sign out". Ignored, it goes to the sign-in page at the end, which comes back here afterwards;
// forms keep what was typed in this browser (components/forms/drafts). Activity in one tab counts
// for the others (the same session), through the browser's storage.

const ACTIVITY_KEY = "session-activity";
const CHECK_EVERY_MS = 10_000;

function readShared(): number {
  try {
    return Number(window.localStorage.getItem(ACTIVITY_KEY) ?? 0);
  } catch {
    return 0;
  }
}

function share(at: number) {
  try {
    window.localStorage.setItem(ACTIVITY_KEY, String(at));
  } catch {
    // Storage blocked: each tab keeps its own count.
  }
}

const minutesWords = (ms: number) => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
};

/** A signed-in request, which keeps a live session alive: "alive", "ended", or null when the server could not be reached. */
async function keepAlive(): Promise<"alive" | "ended" | null> {
  const response = await fetch("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(
    () => null,
  );
  return response?.ok ? "alive" : response?.status === 401 ? "ended" : null;
}

/** A full load, not a client navigation: nothing of the signed-in page may stay in memory. */
function toSignIn() {
  const back = `${window.location.pathname}${window.location.search}`;
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}&expired=1`);
}

export function SessionTimeout({ idleMs, warnMs }: { idleMs: number; warnMs: number }) {
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const lastActivity = useRef(0);
  const [left, setLeft] = useState<number | null>(null);

  const touched = useCallback((at = Date.now()) => {
    lastActivity.current = at;
    share(at);
  }, []);

  // A page drawn, or a form sent, is a request that keeps the session alive.
  useEffect(() => {
    touched();
  }, [pathname, touched]);

  const staySignedIn = useCallback(async () => {
    const answer = await keepAlive();
    if (answer === "alive") {
      touched();
      setLeft(null);
    } else if (answer === "ended") toSignIn();
  }, [touched]);

  useEffect(() => {
    const onSubmit = () => touched();
    const onStorage = (event: StorageEvent) => {
      if (event.key === ACTIVITY_KEY) lastActivity.current = Math.max(lastActivity.current, Number(event.newValue ?? 0));
    };
    document.addEventListener("submit", onSubmit, true);
    window.addEventListener("storage", onStorage);
    const timer = setInterval(() => {
      const last = Math.max(lastActivity.current, readShared());
      const remaining = last + idleMs - Date.now();
      // At the limit the server decides: a session kept alive by requests this page did not see
      // (another tab, a button's own request) carries on; an ended one goes to sign in.
      if (remaining <= 0) void staySignedIn();
      else setLeft(remaining <= warnMs ? remaining : null);
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      document.removeEventListener("submit", onSubmit, true);
      window.removeEventListener("storage", onStorage);
    };
  }, [idleMs, warnMs, touched, staySignedIn]);

  const open = left !== null;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="timeout-heading"
      aria-describedby="timeout-message"
      // Escape would close it without keeping the session: it is the same as "Stay signed in".
      onCancel={(event) => {
        event.preventDefault();
        void staySignedIn();
      }}
      className="m-auto max-w-[32rem] w-[calc(100%-2rem)] border-[5px] border-ink bg-white p-6 backdrop:bg-black/60"
    >
      <h2 id="timeout-heading" className="heading-m">
        You are about to be signed out
      </h2>
      <p id="timeout-message" className="body-m" aria-live="polite">
        For your security, we will sign you out in {minutesWords(left ?? warnMs)} unless you use the service. Anything you are typing into a
        form is kept in this browser.
      </p>
      <ButtonGroup>
        <Button type="button" onClick={() => void staySignedIn()} className="mb-0">
          Stay signed in
        </Button>
        <SignOutForm className="focus-like-link cursor-pointer p-0 bg-transparent border-0 text-link underline underline-offset-[0.1578em] body-m mb-0" />
      </ButtonGroup>
    </dialog>
  );
}
