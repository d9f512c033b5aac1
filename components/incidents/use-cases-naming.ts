"use client";

import { useEffect, useState } from "react";

/** An open case the officer may add to that already names a picked person or the picked place. */
export type CaseNamingPicked = { id: string; reference: string; title: string; people: string[]; place: boolean };

/**
 * Asks the server (app/api/incidents/cases-naming) which open cases name the people and place
 * picked on the incident form, each time the picked ones change. Nothing is asked while none is
 * picked; a failed answer offers nothing (the form works as before).
 */
export function useCasesNaming(personIds: readonly string[], locationIds: readonly string[]): CaseNamingPicked[] {
  const question = `${[...new Set(personIds)].sort().join(",")}|${[...new Set(locationIds)].sort().join(",")}`;
  const [answer, setAnswer] = useState<{ question: string; cases: CaseNamingPicked[] }>({ question: "|", cases: [] });
  useEffect(() => {
    if (question === "|") return;
    const [people = "", places = ""] = question.split("|");
    const controller = new AbortController();
    fetch("/api/incidents/cases-naming", {
      method: "POST",
      signal: controller.signal,
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ personIds: people ? people.split(",") : [], locationIds: places ? places.split(",") : [] }),
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ cases: CaseNamingPicked[] }>) : { cases: [] }))
      .then(({ cases }) => setAnswer({ question, cases }))
      .catch(() => {
        // Aborted (the picked ones changed again) or the network failed: nothing is offered.
      });
    return () => controller.abort();
  }, [question]);
  return answer.question === question ? answer.cases : [];
}
