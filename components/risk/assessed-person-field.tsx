import { Select } from "@/components/ui/select";
import type { FieldError } from "@/components/ui/field";

/** Who the assessment is about: one of the victims on the case, or nobody in particular. */
export function AssessedPersonField({
  victims,
  defaultValue,
  error,
}: {
  victims: { id: string; name: string }[];
  defaultValue?: string;
  error?: FieldError;
}) {
  if (victims.length === 0) {
    return (
      <>
        <input type="hidden" name="personId" value="" />
        <p className="body-m">
          No victim has been added to this case, so the assessment will not name one. To name them, add them to the case as a victim first.
        </p>
      </>
    );
  }
  return (
    <Select
      id="personId"
      label="Victim assessed (optional)"
      hint="Only victims in this case are listed."
      placeholder="Not a particular victim"
      options={victims.map((v) => ({ value: v.id, label: v.name }))}
      defaultValue={defaultValue ?? (victims.length === 1 ? victims[0]!.id : "")}
      error={error}
    />
  );
}
