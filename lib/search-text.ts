// The normalised text behind the trigram-indexed `searchText` columns of people and places:
// lower case, accents kept, punctuation to spaces, single-spaced. The seeds use the same rule.

export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p.trim() !== "")
    .join(" ")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
