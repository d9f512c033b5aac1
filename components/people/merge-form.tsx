"use client";

import Link from "next/link";

import { Button, ButtonGroup } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import type { FormState } from "@/lib/forms";
import { mergePeopleAction } from "@/lib/people/actions";
import { useForm } from "@/components/forms/use-form";

/** The check page's one button. Both versions go with it: a profile changed since is not merged. */
export function MergeForm({
  survivor,
  duplicate,
}: {
  survivor: { id: string; version: number };
  duplicate: { id: string; version: number };
}) {
  const { state, formAction, pending } = useForm(mergePeopleAction, { status: "idle" } satisfies FormState);
  const problem = state.status === "idle" ? null : (state.message ?? "Something went wrong. Try again.");
  useErrorPageTitle(problem !== null);
  return (
    <form method="post" action={formAction}>
      <ErrorSummary errors={problem ? [{ text: problem }] : []} />
      <input type="hidden" name="survivorId" value={survivor.id} />
      <input type="hidden" name="survivorVersion" value={survivor.version} />
      <input type="hidden" name="duplicateId" value={duplicate.id} />
      <input type="hidden" name="duplicateVersion" value={duplicate.version} />
      <ButtonGroup>
        <Button type="submit" variant="warning" disabled={pending}>
          Merge profiles
        </Button>
        <Link href={`/people/${survivor.id}`} className="body-m mb-6">
          Cancel
        </Link>
      </ButtonGroup>
    </form>
  );
}
