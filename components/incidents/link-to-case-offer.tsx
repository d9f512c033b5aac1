"use client";

import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/field";
import { useForm } from "@/components/forms/use-form";
import { linkIncidentsAction } from "@/lib/cases/actions";

/**
 * On an incident in no case: the open cases that already name its people or its place, each with
 * a button that links the incident to it (the case's own "Add incidents", by reference).
 */
export function LinkToCaseOffer({
  reference,
  cases,
}: {
  reference: string;
  cases: { id: string; reference: string; title: string; why: string }[];
}) {
  return (
    <section aria-labelledby="link-to-case-heading" className="mb-8 max-w-[50rem] border-l-[5px] border-border pl-4">
      <h2 id="link-to-case-heading" className="heading-m">
        {cases.length === 1 ? "An open case names this incident's people or place" : "Open cases name this incident's people or place"}
      </h2>
      <ul className="list-none p-0 m-0">
        {cases.map((c) => (
          <li key={c.id} className="mb-4">
            <LinkOne incident={reference} kase={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function LinkOne({ incident, kase }: { incident: string; kase: { id: string; reference: string; title: string; why: string } }) {
  const caseId = kase.id;
  const { state, formAction, pending, onSubmit } = useForm(linkIncidentsAction);
  const problem = state.fieldErrors?.incidentReferences ?? state.fieldErrors?.caseId ?? state.message;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="incidentReferences" value={incident} />
      <p className="body-m mb-2">
        <strong>
          {kase.reference}: {kase.title}
        </strong>{" "}
        names {kase.why}.
      </p>
      {problem ? <ErrorMessage id={`link-${caseId}-error`}>{Array.isArray(problem) ? problem[0] : problem}</ErrorMessage> : null}
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} className="mb-0">
        Link this incident to {kase.reference}
      </Button>
    </form>
  );
}
