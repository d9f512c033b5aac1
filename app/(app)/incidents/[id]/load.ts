import "server-only";
import { cache } from "react";
import { requirePermission } from "@/lib/auth/session";
import { getIncident } from "@/lib/incidents/data";
import { orNotFound } from "@/lib/not-found";

/**
 * The incident for this request, loaded (and its view audited) once, though both the page title
 * and the page need it. Anything the actor may not see is a 404.
 */
export const loadIncident = cache(async (id: string) => {
  const actor = await requirePermission("incident:read");
  const incident = await orNotFound(getIncident(actor, id));
  return { actor, incident };
});
