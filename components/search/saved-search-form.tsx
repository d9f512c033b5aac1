import type { FormHTMLAttributes, ReactNode } from "react";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { saveSearchAction } from "@/lib/search/actions";
import { SAVED_SEARCH_HOURS } from "@/lib/search/constants";
import type { SearchScopeName } from "@/lib/search/scopes";

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method"> & {
  /** Which search this is (lib/search/scopes.ts): decides which fields stay out of the URL. */
  scope: SearchScopeName;
  /** The page to come back to with the results. */
  path: string;
  children: ReactNode;
};

/**
 * A search or filter form whose text can name a person or an address. It is posted (a server
 * action, which works without JavaScript too), so the typed names never appear in the address bar,
 * browser history or server logs; the page comes back with an opaque `?search=` handle.
 */
export function SavedSearchForm({ scope, path, children, ...form }: Props) {
  return (
    <form method="post" {...form} action={saveSearchAction}>
      <input type="hidden" name="_scope" value={scope} />
      <input type="hidden" name="_path" value={path} />
      {children}
    </form>
  );
}

/** Shown when the page's `?search=` handle can no longer be read. */
export function SearchExpiredBanner() {
  return (
    <NotificationBanner heading="That search has expired" role="status" focusOnMount={false}>
      <p className="body-m">
        Searches are kept for {SAVED_SEARCH_HOURS} hours, and only for the person who made them, so that names and addresses never sit in a
        web address. Search again below.
      </p>
    </NotificationBanner>
  );
}
