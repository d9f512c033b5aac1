"use server";

import { revalidatePath } from "next/cache";
import { runCommand, runFormAction } from "@/lib/form-action";
import type { FormState } from "@/lib/forms";
import { markAllRead, saveNotificationPreferences } from "./data";
import { ZNothing, ZPreferencesForm } from "./schema";

// The notifications forms' server actions: everyone signed in, about their own notifications only.

/** "Mark all as read" on the notifications page. */
export async function markAllReadAction(formData: FormData): Promise<never> {
  return runCommand(formData, {
    permission: "signed-in",
    schema: ZNothing,
    perform: async (actor) => {
      await markAllRead(actor);
      revalidatePath("/", "layout");
    },
    next: (_data, problem) => (problem ? `/notifications?problem=${problem}` : "/notifications?notice=all-read"),
  });
}

/** The account page's choices: for each kind, at once, in the daily e-mail, or only in the service. */
export async function saveNotificationPreferencesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "signed-in",
    schema: ZPreferencesForm,
    perform: async (actor, choices) => {
      await saveNotificationPreferences(actor, choices);
      return "/account?notice=notifications-saved#notifications";
    },
  });
}
