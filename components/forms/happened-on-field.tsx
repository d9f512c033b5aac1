import { DateInput, type DateInputValue } from "@/components/ui/date-input";
import type { FieldError } from "@/components/ui/field";
import { HAPPENED_ON } from "@/lib/history/happened";

/**
 * "It happened earlier": the optional date of an event that is being recorded after it
 * happened (lib/history). Closed by default, so the everyday form is no slower; open when it
 * holds a date or an error. Left blank, the event is recorded as happening now.
 */
export function HappenedOnField({
  what,
  error,
  defaultValue,
  earliest,
}: {
  /** What happened, in lower case after "When": "the referral was made". */
  what: string;
  error?: FieldError;
  defaultValue?: DateInputValue;
  /** The earliest date allowed, in words, for the hint ("the date the referral was made, 20/04/2020"). */
  earliest?: string;
}) {
  const hasValue = Boolean(defaultValue?.day || defaultValue?.month || defaultValue?.year);
  const hasError = Boolean(typeof error === "string" ? error : error?.[0]);
  return (
    <details className="group body-m mb-6" open={hasValue || hasError ? true : undefined}>
      <summary className="cursor-pointer text-link underline underline-offset-[0.1578em] hover:text-link-hover focus-like-link w-fit">
        This happened before today
      </summary>
      <div className="mt-3 pl-4 border-l-[5px] border-border">
        <DateInput
          id={HAPPENED_ON}
          legend={`When ${what}`}
          legendSize="s"
          hint={`Only if you are recording it after the event, for example 20 4 2020. Leave it blank for today.${earliest ? ` It cannot be before ${earliest}.` : ""}`}
          error={error}
          defaultValue={defaultValue}
          className="mb-0"
        />
      </div>
    </details>
  );
}
