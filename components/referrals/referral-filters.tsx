import { Select } from "@/components/ui/select";
import { FilterForm } from "@/components/cases/filter-form";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { ParsedReferralFilters } from "@/lib/referrals/filters";
import { REFERRAL_STATUS_LABELS, TRANSFER_FILTER_LABELS } from "@/lib/referrals/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { FilterPanel, filtersInUse } from "@/components/ui/filter-panel";

/** Filter a referral list by panel, status and transfer: a GET form, so the address can be bookmarked. */
export function ReferralFilters({
  path,
  parsed,
  panels,
  statusPlaceholder,
  keep,
}: {
  path: string;
  parsed: ParsedReferralFilters;
  panels: readonly Panel[];
  statusPlaceholder: string;
  keep: Record<string, string | undefined>;
}) {
  return (
    <FilterPanel id="referral-filters-heading" title="Filter referrals" inUse={filtersInUse(parsed.values)}>
      <FilterForm action={path} keep={keep} labelledBy="referral-filters-heading">
        <div className="grid grid-cols-1 gap-x-6 md:grid-cols-3 [&_select]:max-w-full">
          <Select
            id="panel"
            label="Panel"
            placeholder="Any panel"
            options={panels.map((p) => ({ value: p, label: PANEL_NAMES[p] }))}
            defaultValue={parsed.values.panel ?? ""}
          />
          <Select
            id="status"
            label="Status"
            placeholder={statusPlaceholder}
            options={Object.entries(REFERRAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            defaultValue={parsed.values.status ?? ""}
          />
          <Select
            id="transfer"
            label="Transfer"
            placeholder="All referrals"
            options={Object.entries(TRANSFER_FILTER_LABELS).map(([value, label]) => ({ value, label }))}
            defaultValue={parsed.values.transfer ?? ""}
          />
        </div>
        <FilterButtons clearHref={path} />
      </FilterForm>
    </FilterPanel>
  );
}
