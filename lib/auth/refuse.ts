import "server-only";
import { headers } from "next/headers";
import { audit, auditPermissionRefusal } from "@/lib/audit/data";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";
import { PATH_HEADER } from "@/lib/http/headers";

// Refusals decided by role alone, each audited before the answer (every refused page, action,
// route and export leaves an entry; refusals about one record are audited where the record is
// looked up: lib/audit auditRefusal).

/** Throws `refusal()` (audited, with the request's path) unless the actor holds the permission. For the data layer. */
export async function requireCan(actor: Actor, permission: Permission, refusal: () => Error): Promise<void> {
  if (can(actor, permission)) return;
  await auditPermissionRefusal(actor, permission, await requestPath());
  throw refusal();
}

/** The request's path, as proxy.ts passed it on (for the audit trail's "where"). */
export async function requestPath(): Promise<string> {
  try {
    return (await headers()).get(PATH_HEADER) ?? "unknown page";
  } catch {
    return "outside a request";
  }
}

/** A page the actor's role may not open: audited, then answered like a missing page (404). */
export async function refusePage(actor: Actor, permission: Permission | string): Promise<never> {
  await auditPermissionRefusal(actor, permission, await requestPath());
  // Loaded here, not at the top: the data layer imports requireCan from this file, and the job
  // worker (lib/jobs) runs the data layer outside Next, where next/navigation cannot load.
  return (await import("next/navigation")).notFound();
}

/** A form, route or download the actor's role may not use: audited, then `answer` (its "no permission" or 404) returned. */
export async function refuseWith<S>(actor: Actor, permission: Permission, answer: S): Promise<S> {
  await auditPermissionRefusal(actor, permission, await requestPath());
  return answer;
}

/**
 * A post no page of the service sends (a form that does not parse as any of ours): a crafted
 * request or a broken page. Audited as a refusal, then `answer` returned.
 */
export async function refuseMalformed<S>(actor: Actor, answer: S): Promise<S> {
  await audit({
    action: "ACCESS_REFUSED",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "Request",
    detail: { where: await requestPath(), reason: "a form the service does not send" },
  });
  return answer;
}
