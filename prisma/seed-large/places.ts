// Made-up places for the large seed: streets of the fictional Kingsmere area (invented names ×
// house numbers), estates, shops, parks and stops, with postcodes that are valid in format and
// normalised ("SE15 4QF"): about twenty addresses share a postcode, as in real life.

import type { LocationKind } from "../../lib/generated/prisma/enums";
import { Rng, Weighted } from "./random";

type Town = { name: string; district: string; lat: number; lng: number };

// Neighbourhoods of the Kingsmere area and their postcode districts (the demo uses SE15/16/22).
const TOWNS: Town[] = [
  { name: "Kingsmere", district: "SE15", lat: 51.4735, lng: -0.0695 },
  { name: "Kingsmere Rye", district: "SE15", lat: 51.4668, lng: -0.0626 },
  { name: "Bellfield", district: "SE15", lat: 51.4706, lng: -0.0671 },
  { name: "Ryevale", district: "SE15", lat: 51.4645, lng: -0.0585 },
  { name: "Peckwater", district: "SE15", lat: 51.4721, lng: -0.0719 },
  { name: "Marlowe", district: "SE16", lat: 51.4898, lng: -0.0589 },
  { name: "Dockhead", district: "SE16", lat: 51.4963, lng: -0.0712 },
  { name: "Tanners Cross", district: "SE16", lat: 51.4945, lng: -0.0669 },
  { name: "Brimstone", district: "SE16", lat: 51.4881, lng: -0.0563 },
  { name: "Larkhall", district: "SE22", lat: 51.4553, lng: -0.0716 },
  { name: "Quarry Hill", district: "SE22", lat: 51.4522, lng: -0.0649 },
  { name: "Fennel Green", district: "SE22", lat: 51.4579, lng: -0.0681 },
  { name: "Kingsmere Common", district: "SE22", lat: 51.4503, lng: -0.0697 },
  { name: "Ashdown Vale", district: "SE5", lat: 51.4742, lng: -0.0893 },
  { name: "Camber Hill", district: "SE5", lat: 51.4687, lng: -0.0842 },
  { name: "Saltmarsh", district: "SE14", lat: 51.4768, lng: -0.0441 },
  { name: "Hollins Cross", district: "SE4", lat: 51.4619, lng: -0.0389 },
  { name: "Wyebridge", district: "SE23", lat: 51.4431, lng: -0.0534 },
];

const STREET_ROOTS = [
  "Abbey",
  "Acorn",
  "Albion",
  "Alder",
  "Ambrose",
  "Arden",
  "Ashburn",
  "Ashdown",
  "Aspen",
  "Avondale",
  "Badger",
  "Barley",
  "Beacon",
  "Beech",
  "Bellfield",
  "Belvedere",
  "Birch",
  "Blackthorn",
  "Blenheim",
  "Bramble",
  "Brewery",
  "Briar",
  "Brimstone",
  "Brook",
  "Buckland",
  "Burdett",
  "Camber",
  "Canal",
  "Carlton",
  "Cedar",
  "Chalk",
  "Chapel",
  "Chatsworth",
  "Cherry",
  "Chestnut",
  "Church",
  "Clarence",
  "Clover",
  "Cobden",
  "Cordwainer",
  "Coronation",
  "Cranmer",
  "Crown",
  "Dairy",
  "Dalton",
  "Denmark",
  "Devon",
  "Dockhead",
  "Dorset",
  "Dover",
  "Elder",
  "Elm",
  "Elmwood",
  "Falcon",
  "Fennel",
  "Ferndale",
  "Forge",
  "Foundry",
  "Fountain",
  "Foxglove",
  "Gable",
  "Garnet",
  "Glebe",
  "Goldsmith",
  "Granary",
  "Grange",
  "Granville",
  "Gresham",
  "Grove",
  "Harker",
  "Harrow",
  "Hatfield",
  "Hawthorn",
  "Hazel",
  "Heron",
  "Highfield",
  "Holly",
  "Hollins",
  "Hope",
  "Ivy",
  "Jubilee",
  "Juniper",
  "Kestrel",
  "Kingfisher",
  "Kingsmere",
  "Laburnum",
  "Lancaster",
  "Larch",
  "Larkhall",
  "Lavender",
  "Leyton",
  "Lilac",
  "Linden",
  "Lyndhurst",
  "Magnolia",
  "Malthouse",
  "Malvern",
  "Manor",
  "Maple",
  "Marlowe",
  "Meadow",
  "Melbourne",
  "Mercer",
  "Mill",
  "Milton",
  "Minerva",
  "Nelson",
  "Newhaven",
  "Norfolk",
  "Northcote",
  "Oak",
  "Oakfield",
  "Orchard",
  "Osier",
  "Oxford",
  "Paragon",
  "Pelham",
  "Peckwater",
  "Pembroke",
  "Pine",
  "Poplar",
  "Portland",
  "Primrose",
  "Priory",
  "Quarry",
  "Queens",
  "Raleigh",
  "Ravensbourne",
  "Rectory",
  "Regent",
  "Ropemaker",
  "Rosemary",
  "Rowan",
  "Rye",
  "Saltmarsh",
  "Sandringham",
  "Saxon",
  "School",
  "Shaftesbury",
  "Sherwood",
  "Silverdale",
  "Somerset",
  "Sorrel",
  "Spencer",
  "Spring",
  "Stanley",
  "Station",
  "Sycamore",
  "Tanner",
  "Tanners",
  "Thornbury",
  "Tower",
  "Trafalgar",
  "Tudor",
  "Union",
  "Valentine",
  "Victoria",
  "Vine",
  "Walnut",
  "Warwick",
  "Waterloo",
  "Wellington",
  "Wharf",
  "Whitehall",
  "Willow",
  "Windmill",
  "Windsor",
  "Wolseley",
  "Woodland",
  "Wren",
  "Wyebridge",
  "Yew",
];

const STREET_SUFFIXES = new Weighted([
  ["Road", 30],
  ["Street", 18],
  ["Avenue", 7],
  ["Gardens", 6],
  ["Close", 7],
  ["Lane", 6],
  ["Way", 5],
  ["Terrace", 5],
  ["Grove", 4],
  ["Place", 3],
  ["Crescent", 3],
  ["Drive", 3],
  ["Walk", 2],
  ["Square", 1],
  ["Row", 1],
  ["Mews", 1],
  ["Rise", 1],
  ["Hill", 1],
] as const);

const BLOCK_SUFFIXES = ["House", "Court", "Tower", "Point", "Lodge", "Mansions", "Heights"];
const PUB_FIRST = [
  "Crown",
  "Anchor",
  "Red Lion",
  "White Hart",
  "Rose",
  "Bell",
  "Plough",
  "Swan",
  "Fox",
  "George",
  "Star",
  "Prince of Wales",
  "Royal Oak",
  "Railway",
  "Kings Arms",
  "Mermaid",
];
const PUB_SECOND = ["Anchor", "Garter", "Feathers", "Thistle", "Crown", "Harrow", "Sceptre", "Compass", "Lantern", "Barrel"];
const SHOPS = [
  "Food and Wine",
  "Late Shop",
  "Mini Market",
  "Off Licence",
  "Express Supermarket",
  "Chicken and Pizza",
  "Fried Chicken",
  "Barbers",
  "Launderette",
  "Bookmakers",
  "Vape Shop",
  "Phone Repairs",
  "Cafe",
  "Kebab House",
  "Car Wash",
  "Tyres",
  "Pharmacy",
  "Nail Bar",
  "Hardware",
  "Takeaway",
  "Convenience Store",
  "Bakery",
  "Bar and Grill",
  "Snooker Club",
];
const PUBLIC_SPACES = [
  "Park",
  "Recreation Ground",
  "Playing Fields",
  "Green",
  "Gardens",
  "Play Area",
  "Skate Park",
  "Open Space",
  "Woods",
  "Allotments",
  "Nature Reserve",
];
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"; // the letters UK inward codes use (no C, I, K, M, O, V)

const KINDS = new Weighted<LocationKind>([
  ["RESIDENTIAL", 66],
  ["ESTATE", 5],
  ["BUSINESS", 12],
  ["PUBLIC_SPACE", 8],
  ["TRANSPORT", 3],
  ["OTHER", 6],
]);

type Street = {
  name: string;
  town: Town;
  sector: number;
  lat: number;
  lng: number;
  nextNumber: number;
  units: string[];
};

export type PlaceRow = {
  kind: LocationKind;
  /** The street it is on (for incident descriptions; not stored). */
  street: string;
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
  lat: number | null;
  lng: number | null;
};

export class PlaceGenerator {
  private readonly streets: Street[] = [];
  private readonly estates: { name: string; street: Street; blocks: string[]; flats: Map<string, number> }[] = [];
  private readonly seen = new Set<string>();
  private readonly usedPostcodes = new Set<string>();

  constructor(
    private readonly rng: Rng,
    streetCount: number,
  ) {
    // Distinct street names: a root and a suffix (Roads are the commonest).
    const names = new Set<string>();
    const possible = STREET_ROOTS.length * STREET_SUFFIXES.values.length;
    let guard = 0;
    while (names.size < Math.min(streetCount, possible) && guard++ < streetCount * 50) {
      names.add(`${rng.pick(STREET_ROOTS)} ${STREET_SUFFIXES.pick(rng)}`);
    }
    for (const name of names) {
      const town = rng.pick(TOWNS);
      this.streets.push({
        name,
        town,
        sector: rng.int(1, 9),
        lat: town.lat + (rng.next() - 0.5) * 0.012,
        lng: town.lng + (rng.next() - 0.5) * 0.018,
        nextNumber: 1,
        units: [],
      });
    }
    const estateCount = Math.max(8, Math.round(this.streets.length / 25));
    for (let i = 0; i < estateCount; i++) {
      const street = rng.pick(this.streets);
      const root = rng.pick(STREET_ROOTS);
      const blocks = Array.from({ length: rng.int(2, 8) }, () => `${rng.pick(STREET_ROOTS)} ${rng.pick(BLOCK_SUFFIXES)}`);
      this.estates.push({ name: `${root} Estate`, street, blocks: [...new Set(blocks)], flats: new Map() });
    }
  }

  /** A postcode for house `number` on the street: about twenty addresses per postcode unit. */
  private postcode(street: Street, number: number): string {
    const unit = Math.floor((number - 1) / 20);
    while (street.units.length <= unit) {
      let code: string;
      let tries = 0;
      do {
        code = `${street.town.district} ${street.sector}${INWARD_LETTERS[this.rng.int(0, 19)]}${INWARD_LETTERS[this.rng.int(0, 19)]}`;
      } while (this.usedPostcodes.has(code) && ++tries < 50);
      this.usedPostcodes.add(code);
      street.units.push(code);
    }
    return street.units[unit]!;
  }

  private coords(street: Street, spread: number): { lat: number | null; lng: number | null } {
    if (this.rng.chance(0.1)) return { lat: null, lng: null };
    return {
      lat: Math.round((street.lat + (this.rng.next() - 0.5) * spread) * 1e6) / 1e6,
      lng: Math.round((street.lng + (this.rng.next() - 0.5) * spread * 1.5) * 1e6) / 1e6,
    };
  }

  /** Streets early in the list are longer (high streets, long residential roads). */
  private street(): Street {
    return this.streets[this.rng.skewed(this.streets.length, 1.6)]!;
  }

  make(): PlaceRow {
    for (let attempt = 0; ; attempt++) {
      const row = this.draw(attempt > 20 ? "RESIDENTIAL" : KINDS.pick(this.rng));
      const key = `${row.line1}|${row.line2 ?? ""}|${row.town}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      return row;
    }
  }

  private draw(kind: LocationKind): PlaceRow {
    const rng = this.rng;
    switch (kind) {
      case "RESIDENTIAL": {
        if (rng.chance(0.18)) {
          const estate = rng.pick(this.estates);
          const block = rng.pick(estate.blocks);
          const flat = (estate.flats.get(block) ?? 0) + 1;
          estate.flats.set(block, flat);
          return {
            kind,
            street: estate.street.name,
            line1: `Flat ${flat}, ${block}`,
            line2: `${estate.name}, ${estate.street.name}`,
            town: estate.street.town.name,
            postcode: this.postcode(estate.street, flat),
            ...this.coords(estate.street, 0.001),
          };
        }
        const street = this.street();
        const number = street.nextNumber++;
        const postcode = this.postcode(street, number);
        if (rng.chance(0.15)) {
          // A house converted into flats: the same number again, flat by flat.
          const flats = rng.int(2, 4);
          return {
            kind,
            street: street.name,
            line1: `Flat ${rng.int(1, flats)}${rng.chance(0.3) ? rng.pick(["A", "B"]) : ""}, ${number} ${street.name}`,
            line2: null,
            town: street.town.name,
            postcode,
            ...this.coords(street, 0.002),
          };
        }
        return {
          kind,
          street: street.name,
          line1: `${number} ${street.name}`,
          line2: null,
          town: street.town.name,
          postcode,
          ...this.coords(street, 0.002),
        };
      }
      case "ESTATE": {
        const estate = rng.pick(this.estates);
        if (rng.chance(0.5)) {
          const block = rng.pick(estate.blocks);
          return {
            kind,
            street: estate.street.name,
            line1: block,
            line2: `${estate.name}, ${estate.street.name}`,
            town: estate.street.town.name,
            postcode: this.postcode(estate.street, rng.int(1, 40)),
            ...this.coords(estate.street, 0.001),
          };
        }
        const place = rng.pick([
          "Bin store",
          "Car park",
          "Stairwell",
          "Play area",
          "Community room",
          "Bike store",
          "Garages",
          "Courtyard",
          "Walkway",
        ]);
        return {
          kind,
          street: estate.street.name,
          line1: `${place}, ${rng.pick(estate.blocks)}`,
          line2: `${estate.name}, ${estate.street.name}`,
          town: estate.street.town.name,
          postcode: this.postcode(estate.street, rng.int(1, 40)),
          ...this.coords(estate.street, 0.001),
        };
      }
      case "BUSINESS": {
        const street = this.street();
        const number = street.nextNumber++;
        const name = rng.chance(0.2)
          ? `The ${rng.pick(PUB_FIRST)}${rng.chance(0.3) ? ` and ${rng.pick(PUB_SECOND)}` : ""}`
          : `${rng.chance(0.5) ? street.name.split(" ")[0] : rng.pick(STREET_ROOTS)} ${rng.pick(SHOPS)}`;
        return {
          kind,
          street: street.name,
          line1: name,
          line2: `${number} ${street.name}`,
          town: street.town.name,
          postcode: this.postcode(street, number),
          ...this.coords(street, 0.002),
        };
      }
      case "PUBLIC_SPACE": {
        const street = this.street();
        const roll = rng.next();
        const line1 =
          roll < 0.45
            ? `${street.name.split(" ")[0]} ${rng.pick(PUBLIC_SPACES)}`
            : roll < 0.7
              ? `Alleyway behind ${rng.int(1, Math.max(2, street.nextNumber))} ${street.name}`
              : roll < 0.85
                ? `Junction of ${street.name} and ${this.street().name}`
                : `${rng.pick(["Underpass", "Footbridge", "Shopping parade", "Precinct", "Churchyard", "Towpath"])}, ${street.name}`;
        return {
          kind,
          street: street.name,
          line1,
          line2: roll < 0.45 ? street.name : null,
          town: street.town.name,
          postcode: this.postcode(street, rng.int(1, Math.max(1, street.nextNumber))),
          ...this.coords(street, 0.003),
        };
      }
      case "TRANSPORT": {
        const street = this.street();
        const roll = rng.next();
        const line1 =
          roll < 0.7
            ? `Bus stop ${INWARD_LETTERS[rng.int(0, 19)]}${rng.chance(0.2) ? rng.int(1, 9) : ""}, ${street.name}`
            : roll < 0.85
              ? `${street.town.name} station`
              : `${rng.pick(["Taxi rank", "Bus station", "Cycle hire dock", "Tram stop", "Station car park"])}, ${street.name}`;
        return {
          kind,
          street: street.name,
          line1,
          line2: null,
          town: street.town.name,
          postcode: this.postcode(street, rng.int(1, Math.max(1, street.nextNumber))),
          ...this.coords(street, 0.002),
        };
      }
      default: {
        const street = this.street();
        const a = rng.int(1, 40);
        const line1 = rng.pick([
          `Garages ${a}–${a + rng.int(5, 24)}, ${street.name}`,
          `${street.name.split(" ")[0]} Community Centre`,
          `${street.name.split(" ")[0]} Primary School`,
          `Lock-up garages, ${street.name}`,
          `Builders' yard, ${street.name}`,
          `${street.name.split(" ")[0]} Youth Club`,
          `Vacant land, ${street.name}`,
          `Place of worship, ${street.name}`,
        ]);
        return {
          kind: "OTHER",
          street: street.name,
          line1,
          line2: null,
          town: street.town.name,
          postcode: this.postcode(street, rng.int(1, Math.max(1, street.nextNumber))),
          ...this.coords(street, 0.002),
        };
      }
    }
  }

  /** A street name, for incident descriptions. */
  anyStreet(): string {
    return this.street().name;
  }
}
