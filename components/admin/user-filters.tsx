import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { USER_STATUS_LABELS } from "@/lib/users/schema";
import { choicesOf } from "@/lib/incidents/labels";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { PANEL_TITLES } from "@/lib/panels/labels";

/**
 * The user list's filters. The name or email typed is a person's, so the form is posted and that
 * text kept on the server (`?search=` handle); organisation, role, panel, status and the sort order
 * (`keep`) name nobody and stay in the address, so a filtered list can still be bookmarked.
 */
export function UserFilters({
  path,
  values,
  organisations,
  keep,
}: {
  path: string;
  values: Record<string, string>;
  organisations: { id: string; name: string }[];
  keep: Record<string, string | undefined>;
}) {
  return (
    // Keyed by what it shows, so the fields are drawn afresh when the filters change by a link
    // (Clear filters, the back button): a field the user typed in would otherwise keep its text.
    <SavedSearchForm
      key={JSON.stringify(values)}
      scope="admin-users"
      path={path}
      className="mb-8 p-4 sm:p-5 bg-surface"
      aria-labelledby="user-filters-heading"
    >
      {Object.entries(keep).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
      <h2 id="user-filters-heading" className="heading-m">
        Filter users
      </h2>
      <div className="grid grid-cols-1 gap-x-6 md:grid-cols-2 [&_select]:max-w-full">
        <div>
          <TextInput id="q" label="Name or email address" hint="Or part of it" defaultValue={values.q ?? ""} />
          {organisations.length > 1 ? (
            <Select
              id="organisation"
              label="Organisation"
              placeholder="Any organisation"
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={values.organisation ?? ""}
            />
          ) : null}
        </div>
        <div>
          <Select id="role" label="Role" placeholder="Any role" options={choicesOf(ROLE_LABELS)} defaultValue={values.role ?? ""} />
          <Select id="panel" label="Panel" placeholder="Any or none" options={choicesOf(PANEL_TITLES)} defaultValue={values.panel ?? ""} />
          <Select
            id="status"
            label="Status"
            placeholder="Active or disabled"
            options={choicesOf(USER_STATUS_LABELS)}
            defaultValue={values.status ?? ""}
          />
        </div>
      </div>
      <FilterButtons clearHref={path} />
    </SavedSearchForm>
  );
}
