// UK postcodes: validated against the format (outward code, space, inward code), normalised to
// upper case with one space ("se154qf" → "SE15 4QF"). Includes GIR 0AA and the BFPO-free forms.

// Outward code: A9, A99, A9A, AA9, AA99, AA9A, with the letters each position may hold.
const OUTWARD = "[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)";
const INWARD = "[0-9][ABD-HJLNP-UW-Z]{2}";
const POSTCODE = new RegExp(`^(GIR ?0AA|${OUTWARD} ?${INWARD})$`);
const OUTWARD_ONLY = new RegExp(`^${OUTWARD}$`);

export function normalisePostcode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (compact.length < 5 || compact.length > 7) return null;
  const candidate = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return POSTCODE.test(candidate) ? candidate : null;
}

export function isPostcodeLike(input: string): boolean {
  return normalisePostcode(input) !== null;
}

/** "se15" → "SE15": an outward code on its own (the district), or null. */
export function normaliseOutwardCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/\s+/g, "");
  return OUTWARD_ONLY.test(compact) ? compact : null;
}

/** The outward code of a normalised postcode ("SE15 4QF" → "SE15"). */
export function outwardCodeOf(postcode: string): string {
  return postcode.split(" ")[0] ?? postcode;
}

/**
 * What a search box holds: a full postcode (in any spacing or case), an outward code on its own,
 * address words, or nothing. Address words are anything that is not a postcode: "Harker House".
 */
export type PlaceQuery =
  | { kind: "empty" }
  | { kind: "postcode"; postcode: string; outward: string }
  | { kind: "outward"; outward: string }
  | { kind: "text"; text: string };

export function parsePlaceQuery(input: string): PlaceQuery {
  const trimmed = input.trim();
  if (trimmed === "") return { kind: "empty" };
  // Only letters, digits and spaces can be a postcode; "Flat 7, SE15" is address text.
  if (/^[A-Za-z0-9 ]+$/.test(trimmed)) {
    const postcode = normalisePostcode(trimmed);
    if (postcode) return { kind: "postcode", postcode, outward: outwardCodeOf(postcode) };
    const outward = normaliseOutwardCode(trimmed);
    if (outward) return { kind: "outward", outward };
  }
  return { kind: "text", text: trimmed };
}
