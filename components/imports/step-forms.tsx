"use client";

import { Button, ButtonGroup } from "@/components/ui/button";
import { Radios } from "@/components/ui/radios";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { discardImportAction, resumeImportAction, startImportAction } from "@/lib/imports/actions";
import type { MatchForReview } from "@/lib/imports/data/manage";

// The buttons that move an import on. Each form carries the import's version: a second tab, or a
// colleague, that moved it on first makes this one answer with the import as it stands.

type Step = { importId: string; version: number };

function Hidden({ importId, version }: Step) {
  return (
    <>
      <input type="hidden" name="importId" value={importId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/** "Import" for a file with nothing to review; "Accept the suggestions and import" for one with. */
export function StartImportForm({ label, ...step }: Step & { label: string }) {
  const { state, formAction, pending, onSubmit } = useForm(startImportAction);
  return (
    <>
      <FormProblems state={state} fields={["import"]} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
        <Hidden {...step} />
        <input type="hidden" name="intent" value="suggested" />
        <ButtonGroup>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Starting…" : label}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

/** One question per likely duplicate: which record held already is it, or is it new? */
export function ReviewMatchesForm({ matches, ...step }: Step & { matches: MatchForReview[] }) {
  const { state, formAction, pending, onSubmit, submitted, errors } = useForm(startImportAction);
  return (
    <>
      <FormProblems state={state} fields={matches.map((m) => `match-${m.id}`)} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
        <Hidden {...step} />
        <input type="hidden" name="intent" value="choices" />
        {matches.map((match) => {
          const what = match.kind === "PERSON" ? "person" : "place";
          return (
            <Radios
              key={match.id}
              name={`match-${match.id}`}
              legend={`${match.described} (row ${match.firstRow}${match.rowCount > 1 ? ` and ${match.rowCount - 1} more` : ""})`}
              legendSize="s"
              hint={`Is this the same ${what} as one already held?`}
              items={[
                ...match.candidates.map((c) => ({ value: c.id, label: `Same ${what}: ${c.label}`, hint: c.detail })),
                { value: "new", label: `A new ${what}` },
              ]}
              defaultValue={submitted(`match-${match.id}`) ?? match.choice}
              error={errors[`match-${match.id}`]}
            />
          );
        })}
        <ButtonGroup>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Starting…" : "Save these answers and import"}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function ResumeImportForm(step: Step) {
  const { state, formAction, pending, onSubmit } = useForm(resumeImportAction);
  return (
    <>
      <FormProblems state={state} fields={[]} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
        <Hidden {...step} />
        <ButtonGroup>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Resuming…" : "Resume the import"}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function DiscardImportForm(step: Step) {
  const { state, formAction, pending, onSubmit } = useForm(discardImportAction);
  return (
    <>
      <FormProblems state={state} fields={[]} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
        <Hidden {...step} />
        <ButtonGroup>
          <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
            Discard this file
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
