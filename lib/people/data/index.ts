import "server-only";

// People: search, duplicate suggestions, create, profile, edit, vulnerability markers and merge.
// Who may find a person is visiblePeopleWhere (lib/people/access.ts) and nothing else: every read
// in this folder, the fuzzy search included, goes through it. A person the actor may not see is
// "not found" (and the refused look is audited, existing or not); a merged-away profile leads to
// the profile it was merged into.
//
// Person.searchText is searchText(first name, last name, every alias) and is kept up to date by
// every write here; PersonAlias.searchText is searchText(alias first name, alias last name).
//
// One file per part; this one is the public face, so that callers import "@/lib/people/data".

export { createPerson, createPersonInTransaction, type CreatePersonOutcome, type NewPersonInput } from "./create";
export { CANDIDATE_LIMIT, findPeople, searchPeople, type PeopleSearchPage, type PersonSearchResult } from "./search";
export { findLikelyMatches } from "./likely-duplicates";
export {
  getPersonProfile,
  getPersonRecord,
  getPersonSummary,
  PROFILE_LIST_LIMIT,
  type PersonDetail,
  type PersonProfile,
  type PersonSummary,
  type ProfileOutcome,
} from "./profile";
export { getPersonForEdit, updatePerson } from "./edit";
export { recordVulnerabilityMarker, removeVulnerabilityMarker } from "./vulnerability-markers";
export { getMergePreview, mergePeople, type MergeMoved, type MergePreview, type MergeSide } from "./merge";
