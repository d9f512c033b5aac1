import { DateInput } from "@/components/ui/date-input";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import type { FieldErrors } from "@/lib/errors";
import { Gender } from "@/lib/generated/prisma/enums";
import { GENDER_LABELS } from "@/lib/people/schema";

export type PersonFieldValues = Record<string, string | string[] | undefined>;

const text = (values: PersonFieldValues, key: string) => {
  const value = values[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/**
 * The details of a person, as the "Add a person" and "Change details" forms ask for them. The
 * person is someone else, never the user: no browser autofill of the user's own name or birthday.
 */
export function PersonFields({ values, fieldErrors }: { values: PersonFieldValues; fieldErrors: FieldErrors }) {
  return (
    <>
      <TextInput
        id="firstName"
        label="First name"
        autoComplete="off"
        spellCheck={false}
        width={20}
        defaultValue={text(values, "firstName")}
        error={fieldErrors.firstName}
      />
      <TextInput
        id="lastName"
        label="Last name"
        autoComplete="off"
        spellCheck={false}
        width={20}
        defaultValue={text(values, "lastName")}
        error={fieldErrors.lastName}
      />
      <DateInput
        id="dateOfBirth"
        legend="Date of birth"
        hint="For example, 27 3 1985. Leave it blank if you do not know it."
        defaultValue={{
          day: text(values, "dateOfBirth-day"),
          month: text(values, "dateOfBirth-month"),
          year: text(values, "dateOfBirth-year"),
        }}
        error={fieldErrors.dateOfBirth}
      />
      <Radios
        name="gender"
        legend="Gender"
        items={Object.values(Gender).map((value) => ({ value, label: GENDER_LABELS[value] }))}
        defaultValue={text(values, "gender")}
        error={fieldErrors.gender}
      />
      <TextInput
        id="aliases"
        label="Also known as (optional)"
        hint="Other names or nicknames they use. Separate names with commas, for example: Gaz Wilkins, Gazza"
        autoComplete="off"
        spellCheck={false}
        defaultValue={text(values, "aliases")}
        error={fieldErrors.aliases}
      />
      <TextInput
        id="phone"
        label="Telephone (optional)"
        hint="A number to contact them on, if they have agreed to it"
        type="tel"
        autoComplete="off"
        width={20}
        defaultValue={text(values, "phone")}
        error={fieldErrors.phone}
      />
    </>
  );
}
