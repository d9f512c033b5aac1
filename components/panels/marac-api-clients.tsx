"use client";

import { Button } from "@/components/ui/button";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { setMaracAccessAction } from "@/lib/api/clients/actions";

/** A chair of the MARAC grants a client the panel's content, or withdraws it (the panel's page). */
export function MaracAccessButton({ clientId, name, granted }: { clientId: string; name: string; granted: boolean }) {
  const { state, formAction, pending, onSubmit } = useForm(setMaracAccessAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      <FormProblems state={state} fields={[]} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="decision" value={granted ? "withdraw" : "grant"} />
      <Button type="submit" variant={granted ? "warning" : "secondary"} disabled={pending} aria-disabled={pending} className="mb-0">
        {granted ? "Withdraw MARAC access" : "Grant MARAC access"}
        <VisuallyHidden>
          {" "}
          {granted ? "from" : "to"} {name}
        </VisuallyHidden>
      </Button>
    </form>
  );
}
