"use server";

import { redirect } from "next/navigation";
import { getActorPendingTwoFactor } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/data";
import { headers } from "next/headers";
import { z } from "zod";
import { cleanText } from "@/lib/text/clean";
import { signInWithPassword, signInWithSecondStep, type SignInResult } from "@/lib/auth/data";
import { clientIp } from "@/lib/auth/client-address";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { clearSessionCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import type { SignInState } from "@/lib/auth/sign-in-state";

export async function signOutAction(): Promise<void> {
  const actor = await getActorPendingTwoFactor();
  if (actor) await endSession(actor);
  await clearSessionCookie();
  redirect("/sign-in?signedOut=1");
}

// Signing in is a server action, like every other form: it works without JavaScript (the form
// posts and the answer is a page), Next.js refuses a post from another site (Origin check), and
// the typed email address survives a failure. The session cookie is set here on success.

const ZPasswordStep = z.object({
  email: z.string().trim().max(320).default(""),
  password: z.string().max(1024).default(""),
});
const ZCodeStep = z.object({ ticket: z.string().max(300), code: z.string().trim().max(64).default("") });

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? cleanText(value) : undefined;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const callbackPath = safeCallbackPath(field(formData, "callbackUrl"));
  const request = await headers();
  const client = { ip: clientIp((name) => request.get(name)), userAgent: request.get("user-agent") };
  const ticket = field(formData, "ticket");

  let result: Answer;
  let email: string | undefined;
  if (ticket !== undefined) {
    const parsed = ZCodeStep.safeParse({ ticket, code: field(formData, "code") });
    if (!parsed.success) return { step: "password", problem: "expired" };
    if (parsed.data.code === "") return { step: "code", ticket, fieldErrors: { code: "Enter the code from your authenticator app" } };
    result = await answer(() => signInWithSecondStep({ ...parsed.data, ...client }));
  } else {
    const parsed = ZPasswordStep.safeParse({ email: field(formData, "email"), password: field(formData, "password") });
    email = parsed.success ? parsed.data.email : "";
    const fieldErrors = {
      ...(email === "" ? { email: "Enter your email address" } : {}),
      ...(!parsed.success || parsed.data.password === "" ? { password: "Enter your password" } : {}),
    };
    if (!parsed.success || Object.keys(fieldErrors).length > 0) return { step: "password", email, fieldErrors };
    result = await answer(() => signInWithPassword({ ...parsed.data, ...client }));
  }

  if (result.ok) {
    await setSessionCookie(result.userId, { sid: result.sessionId, sv: result.sessionVersion });
    redirect(callbackPath);
  }
  switch (result.reason) {
    case "CODE_REQUIRED":
      return { step: "code", ticket: result.ticket };
    case "CODE_INVALID":
      return { step: "code", ticket: result.ticket, problem: "code" };
    case "TICKET_EXPIRED":
      return { step: "password", problem: "expired" };
    case "LOCKED":
      return {
        step: ticket ? "code" : "password",
        ticket,
        email,
        problem: "locked",
        retryMinutes: Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000)),
      };
    case "UNAVAILABLE":
      return { step: ticket ? "code" : "password", ticket, email, problem: "unavailable" };
    default:
      return { step: "password", email, problem: "incorrect" };
  }
}

type Answer = SignInResult | { ok: false; reason: "UNAVAILABLE" };

/**
 * The sign-in's answer, or UNAVAILABLE when the service cannot check it (the database is away):
 * never "incorrect" for a password nobody could check, and never the error's text in the page.
 */
async function answer(check: () => Promise<SignInResult>): Promise<Answer> {
  try {
    return await check();
  } catch (error) {
    console.error(`Sign-in could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, reason: "UNAVAILABLE" };
  }
}
