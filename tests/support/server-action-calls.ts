import type { Actor } from "@/lib/auth/actor-type";
import { can, type Permission } from "@/lib/auth/permissions";

// Calling server actions from an integration test, as the access-matrix suites do: no request
// exists, so the session is stood in for (the real session code when nobody is "signed in", so a
// signed-out call really goes through it), and what the action did is classified the way Next
// would answer it (a redirect, a 404, a returned form state, or an unexpected error).
//
// In the test file:
//   vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
//   vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
//   vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

let signedInAs: Actor | null = null;

/** Who the stood-in session says is signed in (null: nobody, the real session code answers). */
export function signInForCalls(actor: Actor | null) {
  signedInAs = actor;
}

export const noRequestHeaders = {
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
};

export const noCache = {
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
};

export async function sessionSignedInAs(real: typeof import("@/lib/auth/session")) {
  const { notFound } = await import("next/navigation");
  return {
    ...real,
    getActor: async () => signedInAs ?? real.getActor(),
    requireActor: async () => signedInAs ?? real.requireActor(),
    requirePermission: async (permission: Permission) => {
      if (!signedInAs) return real.requirePermission(permission);
      if (!can(signedInAs, permission)) notFound();
      return signedInAs;
    },
  };
}

export type Called =
  { kind: "redirect"; to: string } | { kind: "not-found" } | { kind: "returned"; value: unknown } | { kind: "threw"; error: unknown };

/** Runs a server-action call and says how Next would answer it. */
export async function callServerAction(run: () => Promise<unknown>): Promise<Called> {
  try {
    return { kind: "returned", value: await run() };
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "not-found" };
    return { kind: "threw", error };
  }
}
