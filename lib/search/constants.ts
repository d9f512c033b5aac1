/** How long a saved search can be read back (lib/search/saved.ts). */
export const SAVED_SEARCH_HOURS = 12;
