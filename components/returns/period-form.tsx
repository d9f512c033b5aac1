import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { PeriodChoice } from "@/lib/returns/period";

export const PERIOD_HINT = "A financial year (1 April to 31 March) or one of its quarters";

/**
 * Choose the financial year or quarter: a GET form, so a return's address names its period.
 * `current` is the period on the page; null when the address named none that exists, and the
 * picker then says "Choose a period" rather than claim one.
 */
export function PeriodForm({
  action,
  choices,
  current,
  error,
}: {
  action: string;
  choices: readonly PeriodChoice[];
  current: string | null;
  error?: string;
}) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-x-4 mb-2" aria-labelledby="period-heading">
      <h2 id="period-heading" className="sr-only">
        Choose the period
      </h2>
      <Select
        id="period"
        label="Period"
        hint={PERIOD_HINT}
        options={choices.map((c) => ({ value: c.key, label: c.label }))}
        placeholder={current === null ? "Choose a period" : undefined}
        defaultValue={current ?? ""}
        error={error}
        className="min-w-0 max-w-full [&_select]:w-full sm:[&_select]:w-auto"
      />
      <Button variant="secondary">Show this period</Button>
    </form>
  );
}
