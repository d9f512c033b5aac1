import type { FieldErrors } from "@/lib/errors";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import { PLACE_KIND_HINTS, PLACE_KIND_LABELS, PLACE_KINDS } from "@/lib/places/schema";

export type PlaceFormValues = Record<string, string | string[] | undefined>;

const text = (values: PlaceFormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value[0] : value;
};

const KIND_ITEMS = PLACE_KINDS.map((kind) => ({ value: kind, label: PLACE_KIND_LABELS[kind], hint: PLACE_KIND_HINTS[kind] }));

/**
 * The place form's fields, shared by "Add a place" and "Change place". Uncontrolled: the values
 * are what the user last submitted (or the saved place), so nothing typed is lost on an error.
 */
export function PlaceFields({ values, fieldErrors = {} }: { values: PlaceFormValues; fieldErrors?: FieldErrors }) {
  return (
    <>
      <TextInput
        id="addressLine1"
        label="Address line 1"
        hint="For example, Flat 7, Harker House or 14 Larkhall Gardens"
        autoComplete="off"
        defaultValue={text(values, "addressLine1")}
        error={fieldErrors.addressLine1}
      />
      <TextInput
        id="addressLine2"
        label="Address line 2 (optional)"
        autoComplete="off"
        defaultValue={text(values, "addressLine2")}
        error={fieldErrors.addressLine2}
      />
      <TextInput
        id="town"
        label="Town or city"
        width={20}
        autoComplete="off"
        defaultValue={text(values, "town")}
        error={fieldErrors.town}
      />
      <TextInput
        id="postcode"
        label="Postcode"
        hint="Leave this blank only if the place has no postcode, such as a stretch of towpath"
        width={10}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={text(values, "postcode")}
        error={fieldErrors.postcode}
      />
      <Radios
        name="kind"
        legend="What kind of place is it?"
        legendSize="s"
        items={KIND_ITEMS}
        defaultValue={text(values, "kind")}
        error={fieldErrors.kind}
      />
      <TextInput
        id="uprn"
        label="UPRN (optional)"
        hint="The Unique Property Reference Number: up to 12 digits"
        width={20}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        defaultValue={text(values, "uprn")}
        error={fieldErrors.uprn}
      />
    </>
  );
}
