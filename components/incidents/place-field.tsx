"use client";

import { useEffect, useRef } from "react";
import type { ComboboxValue } from "@/components/ui/combobox";
import { linkButtonClasses } from "@/components/ui/combobox";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import type { FieldErrors } from "@/lib/errors";
import { choicesOf } from "@/lib/incidents/labels";
import { PLACE_KIND_LABELS } from "@/lib/places/schema";
import { isPostcodeLike } from "@/lib/places/postcode";
import { PlacePicker } from "./pickers";
import type { NewPlaceValue } from "./form-types";
import { LikelyMatchChoice } from "./likely-match-choice";
import type { LikelyFor } from "@/lib/incidents/likely-duplicates";

// "Where it happened": an existing place found by address or postcode, or a new place added
// inline when the search does not find it.

const KIND_OPTIONS = choicesOf(PLACE_KIND_LABELS);

export type PlaceFieldValue = { mode: "existing" | "new"; picked: ComboboxValue | null; newPlace: NewPlaceValue };

export function PlaceField({
  value,
  onChange,
  errors,
  likely,
}: {
  value: PlaceFieldValue;
  onChange: (value: PlaceFieldValue) => void;
  errors: FieldErrors;
  /** Places the server found probably already recorded (lib/incidents/likely-duplicates). */
  likely?: LikelyFor | null;
}) {
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  if (value.mode === "existing") {
    return (
      <>
        <input type="hidden" name="locationMode" value="existing" />
        {/* Posted with the id, so a form the server sends back (without JavaScript) can show the place picked. */}
        {value.picked ? <input type="hidden" name="locationLabel" value={value.picked.label} /> : null}
        <PlacePicker
          id="locationId"
          name="locationId"
          queryName="locationQuery"
          label="Place"
          hint="Search by address, name of the place or postcode. Leave blank if it did not happen at a particular place."
          error={errors.locationId}
          value={value.picked}
          onChange={(picked) => onChange({ ...value, picked })}
          createLabel="Add a new place"
          onCreate={(query) => {
            const typed = isPostcodeLike(query) ? { postcode: query } : { addressLine1: query };
            onChange({ mode: "new", picked: null, newPlace: { ...value.newPlace, ...typed } });
            focusNext.current = isPostcodeLike(query) ? "newLocation-addressLine1" : "newLocation-town";
          }}
        />
      </>
    );
  }

  const place = value.newPlace;
  return (
    <div className="mb-6 sm:mb-8 p-4 sm:p-5 border-2 border-border">
      <input type="hidden" name="locationMode" value="new" />
      <h3 className="heading-s">New place</h3>
      <TextInput
        id="newLocation-addressLine1"
        name="newLocation.addressLine1"
        label="Address line 1, or the name of the place"
        hint="For example, Flat 3, 12 Bellfield Road or Fennel Park"
        autoComplete="off"
        defaultValue={place.addressLine1}
        error={errors["newLocation.addressLine1"]}
      />
      <TextInput
        id="newLocation-town"
        name="newLocation.town"
        label="Town or city"
        autoComplete="off"
        width={20}
        defaultValue={place.town}
        error={errors["newLocation.town"]}
      />
      <TextInput
        id="newLocation-postcode"
        name="newLocation.postcode"
        label="Postcode (optional)"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        width={10}
        defaultValue={place.postcode}
        error={errors["newLocation.postcode"]}
      />
      <Select
        id="newLocation-kind"
        name="newLocation.kind"
        label="Kind of place"
        placeholder="Choose a kind of place"
        options={KIND_OPTIONS}
        defaultValue={place.kind}
        error={errors["newLocation.kind"]}
      />
      {likely ? <LikelyMatchChoice prefix="newLocation" what="place" likely={likely} error={errors["newLocation.matchChoice"]} /> : null}
      <button
        type="button"
        className={linkButtonClasses}
        onClick={() => {
          onChange({ ...value, mode: "existing" });
          focusNext.current = "locationId";
        }}
      >
        Search for an existing place instead
      </button>
    </div>
  );
}
