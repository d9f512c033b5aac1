import type { ReactNode } from "react";
import { FocusTopOnArrival } from "@/components/layout/focus-top-on-arrival";
import { SessionTimeout } from "@/components/layout/session-timeout";
import { requireActor } from "@/lib/auth/session";
import { SESSION_IDLE_TIMEOUT_MS, SESSION_TIMEOUT_WARNING_MS } from "@/lib/auth/policy";

// Signed-in pages shown on a projector or shared screen (the meeting presentation): the whole
// screen is the page's, so no service header, navigation or footer; each page carries its own way
// back. The session rules are the (app) shell's: the same timeout warning. Pages still check
// access themselves.
export default async function PresentationLayout({ children }: { children: ReactNode }) {
  await requireActor();
  return (
    <>
      <FocusTopOnArrival />
      <SessionTimeout idleMs={SESSION_IDLE_TIMEOUT_MS} warnMs={SESSION_TIMEOUT_WARNING_MS} />
      <main id="main-content" tabIndex={-1} className="focus-silent flex-1 flex flex-col">
        {children}
      </main>
    </>
  );
}
