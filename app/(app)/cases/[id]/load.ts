import "server-only";
import { cache } from "react";
import { requirePermission } from "@/lib/auth/session";
import { getCase, getCaseSummary } from "@/lib/cases/data";
import { orNotFound } from "@/lib/not-found";

/**
 * The case for this request, loaded (and its view audited) once, though both the page title and
 * the page need it. Anything the actor may not see is a 404, like a missing case.
 */
export const loadCase = cache(async (id: string) => {
  const actor = await requirePermission("case:read");
  const caseDetail = await orNotFound(getCase(actor, id));
  return { actor, caseDetail };
});

/** The case's own fields and the actor's rights, for the pages that change it. */
export const loadCaseSummary = cache(async (id: string) => {
  const actor = await requirePermission("case:read");
  const caseSummary = await orNotFound(getCaseSummary(actor, id));
  return { actor, caseSummary };
});
