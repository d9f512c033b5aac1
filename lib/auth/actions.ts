"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getActorPendingTwoFactor } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/data";
import { sessionCookieName } from "@/lib/auth/cookies";

export async function signOutAction(): Promise<void> {
  const actor = await getActorPendingTwoFactor();
  if (actor) await endSession(actor);
  const jar = await cookies();
  jar.delete(sessionCookieName());
  redirect("/sign-in?signedOut=1");
}
