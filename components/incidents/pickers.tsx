"use client";

import { z } from "zod";
import { Combobox, type ComboboxProps, type ComboboxSource, type ComboboxValue } from "@/components/ui/combobox";
import { Tag } from "@/components/ui/tag";
import { personLabel, placeLabel } from "@/lib/incidents/labels";
import { PLACE_KIND_LABELS } from "@/lib/places/schema";
import type { LocationKind } from "@/lib/generated/prisma/enums";

// The people and place pickers: the generic combobox over the people and places searches. Each
// suggestion shows what tells two records apart (date of birth, aliases, postcode) and the alerts
// an officer must not miss.

const ZPersonResult = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z
    .array(
      z.union([
        z.string(),
        z
          .object({ firstName: z.string().nullish(), lastName: z.string() })
          .transform((a) => [a.firstName, a.lastName].filter(Boolean).join(" ")),
      ]),
    )
    .catch([]),
  dateOfBirth: z.string().nullish().catch(null),
  alerts: z
    .object({ repeatVictim: z.boolean().catch(false), vulnerable: z.boolean().catch(false) })
    .catch({ repeatVictim: false, vulnerable: false }),
});
export type PersonResult = z.infer<typeof ZPersonResult>;

const ZPlaceResult = z.object({
  id: z.string(),
  label: z.string(),
  postcode: z.string().nullish().catch(null),
  kind: z.string().nullish().catch(null),
});
export type PlaceResult = z.infer<typeof ZPlaceResult>;

/** The `results` of a search answer; entries that do not parse are skipped. */
function resultsOf<T>(schema: z.ZodType<T>) {
  return (json: unknown): T[] => {
    const results = (json as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) return [];
    return results.flatMap((entry) => {
      const parsed = schema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  };
}

// POSTed, so the name or address typed stays out of URLs and access logs.
const PEOPLE_SEARCH: ComboboxSource = { endpoint: "/api/people/search", body: (q) => ({ q }) };
const PLACE_SEARCH: ComboboxSource = { endpoint: "/api/places/search", body: (q) => ({ q }) };

type PickerProps = Pick<
  ComboboxProps<unknown>,
  "id" | "name" | "queryName" | "label" | "hint" | "error" | "onCreate" | "createLabel" | "defaultQuery" | "width"
> & {
  value?: ComboboxValue | null;
  onChange?: (value: ComboboxValue | null) => void;
  defaultValue?: ComboboxValue | null;
};

export function PersonPicker(props: PickerProps) {
  return (
    <Combobox<PersonResult>
      {...props}
      source={PEOPLE_SEARCH}
      toOptions={resultsOf(ZPersonResult)}
      optionKey={(p) => p.id}
      optionLabel={(p) => personLabel(p.name, p.dateOfBirth)}
      noun={{ one: "person", many: "people" }}
      renderOption={(p) => (
        <>
          <span className="block font-bold">{p.name}</span>
          <span className="block body-s">
            {p.dateOfBirth ? `Born ${p.dateOfBirth}` : "Date of birth not known"}
            {p.aliases.length > 0 ? ` · Also known as ${p.aliases.join(", ")}` : null}
          </span>
          {p.alerts.repeatVictim || p.alerts.vulnerable ? (
            <span className="flex flex-wrap gap-2 mt-1">
              {p.alerts.repeatVictim ? <Tag colour="red">Repeat victim</Tag> : null}
              {p.alerts.vulnerable ? <Tag colour="orange">Vulnerable</Tag> : null}
            </span>
          ) : null}
        </>
      )}
    />
  );
}

export function PlacePicker(props: PickerProps) {
  return (
    <Combobox<PlaceResult>
      {...props}
      source={PLACE_SEARCH}
      toOptions={resultsOf(ZPlaceResult)}
      optionKey={(p) => p.id}
      optionLabel={(p) => placeLabel(p.label, p.postcode)}
      noun={{ one: "place", many: "places" }}
      renderOption={(p) => (
        <>
          <span className="block font-bold">{p.label}</span>
          <span className="block body-s">
            {[
              p.postcode && !p.label.includes(p.postcode) ? p.postcode : null,
              p.kind ? (PLACE_KIND_LABELS[p.kind as LocationKind] ?? null) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </>
      )}
    />
  );
}
