import { Radios } from "@/components/ui/radios";
import { NONE_OF_THESE, type LikelyFor } from "@/lib/incidents/likely-duplicates";
import { incidentFieldId } from "@/lib/incidents/schema";

// Beside a new person or place on the incident form: the records the officer can see that are
// probably the same one, offered before anything is made (lib/incidents/likely-duplicates.ts).
// Choosing one uses it, as if it had been picked with the search; "None of these" makes a new one.

export function LikelyMatchChoice({
  prefix,
  what,
  likely,
  error,
}: {
  /** The form fields' prefix: "people.0" or "newLocation". */
  prefix: string;
  what: "person" | "place";
  likely: LikelyFor;
  error?: string[];
}) {
  const name = `${prefix}.matchChoice`;
  return (
    <div className="mb-6 p-4 border-[5px] border-brand">
      <input type="hidden" name={`${prefix}.checkedFor`} value={likely.checkedFor} />
      {likely.matches.map((m) => (
        <input key={m.id} type="hidden" name={`${prefix}.matchLabel.${m.id}`} value={m.label} />
      ))}
      <Radios
        name={name}
        idPrefix={incidentFieldId(name)}
        legend={
          what === "person"
            ? likely.matches.length === 1
              ? "This person may already be recorded"
              : "One of these people may be this person"
            : likely.matches.length === 1
              ? "This place may already be recorded"
              : "One of these places may be this place"
        }
        hint={`Choose the ${what} already recorded, so that everything about them stays together. If none of these is the same ${what}, choose ‘None of these’.`}
        items={[
          ...likely.matches.map((m) => ({ value: m.id, label: `Use ${m.label}`, hint: m.hint ?? undefined })),
          { value: NONE_OF_THESE, label: what === "person" ? "None of these – add a new person" : "None of these – add a new place" },
        ]}
        error={error}
      />
    </div>
  );
}
