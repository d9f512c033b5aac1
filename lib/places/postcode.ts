// UK postcodes: validated against the format (outward code, space, inward code), normalised to
// upper case with one space ("se154qf" → "SE15 4QF"). Includes GIR 0AA and the BFPO-free forms.

const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2})$/;

export function normalisePostcode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (compact.length < 5 || compact.length > 7) return null;
  const candidate = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return POSTCODE.test(candidate) ? candidate : null;
}

export function isPostcodeLike(input: string): boolean {
  return normalisePostcode(input) !== null;
}
