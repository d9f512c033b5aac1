import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { PeriodChoice } from "@/lib/returns/period";

/** Choose the financial year or quarter: a GET form, so a return's address names its period. */
export function PeriodForm({ action, choices, current }: { action: string; choices: readonly PeriodChoice[]; current: string }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-x-4 mb-2" aria-labelledby="period-heading">
      <h2 id="period-heading" className="sr-only">
        Choose the period
      </h2>
      <Select
        id="period"
        label="Period"
        hint="A financial year (1 April to 31 March) or one of its quarters"
        options={choices.map((c) => ({ value: c.key, label: c.label }))}
        defaultValue={current}
      />
      <Button variant="secondary">Show this period</Button>
    </form>
  );
}
