import type { Gender, LocationKind } from "../../lib/generated/prisma/enums";
import { CASES } from "./cases";
import { INCIDENTS } from "./incidents";
import { addMinutes, searchText, seedId, type SeedContext } from "./support";

// Places and people of the fictional London Borough of Kingsmere. Streets are invented; the
// postcodes are valid in format (SE15, SE16, SE22 districts) and normalised ("SE15 4QF").

type LocationSeed = {
  key: string;
  line1: string;
  line2?: string;
  postcode: string;
  kind: LocationKind;
  lat: number;
  lng: number;
  uprn?: string;
  org: string;
  /** Who recorded it (a user of `org`); CREATED_BY[org] when not given. */
  by?: string;
};

/**
 * Who recorded a place or person when the seed does not say: one officer of each organisation.
 * The MARAC victims, perpetrators and addresses name the panel member who recorded them, so the
 * demo shows that only they (and the panel) see a record known only through a MARAC case.
 */
const CREATED_BY: Record<string, string> = {
  MPS: "daniel",
  KCSAT: "kwame",
  KH: "owen",
  LFB: "sean",
  PS: "grace",
  KHC: "nadia",
  KWA: "claire",
  ASH: "michael",
};

function creatorOf(ctx: SeedContext, seed: { org: string; by?: string }): string {
  const key = seed.by ?? CREATED_BY[seed.org];
  if (!key) throw new Error(`No creator for a record of ${seed.org}`);
  const user = ctx.user(key);
  if (user.organisationId !== ctx.id(`org:${seed.org}`)) throw new Error(`${key} is not in ${seed.org}`);
  return user.id;
}

const TOWN = "London";

export const LOCATIONS: LocationSeed[] = [
  // Estates and blocks
  {
    key: "L01",
    line1: "Harker House",
    line2: "Bellfield Estate, Bellfield Road",
    postcode: "SE15 4QF",
    kind: "ESTATE",
    lat: 51.470412,
    lng: -0.067215,
    org: "KH",
  },
  {
    key: "L02",
    line1: "Cordwainer Court",
    line2: "Bellfield Estate, Bellfield Road",
    postcode: "SE15 4QG",
    kind: "ESTATE",
    lat: 51.470958,
    lng: -0.066431,
    org: "KH",
  },
  {
    key: "L03",
    line1: "Marlowe Estate",
    line2: "Ropemaker Way",
    postcode: "SE16 3LT",
    kind: "ESTATE",
    lat: 51.489736,
    lng: -0.058902,
    org: "KH",
  },
  {
    key: "L04",
    line1: "Ashdown Tower",
    line2: "Marlowe Estate, Ropemaker Way",
    postcode: "SE16 3LU",
    kind: "ESTATE",
    lat: 51.490221,
    lng: -0.058217,
    org: "KH",
  },
  // Homes
  {
    key: "L05",
    line1: "14 Larkhall Gardens",
    postcode: "SE22 8NB",
    kind: "RESIDENTIAL",
    lat: 51.455318,
    lng: -0.071604,
    uprn: "990000001405",
    org: "MPS",
  },
  {
    key: "L06",
    line1: "16 Larkhall Gardens",
    postcode: "SE22 8NB",
    kind: "RESIDENTIAL",
    lat: 51.455342,
    lng: -0.071552,
    uprn: "990000001605",
    org: "KCSAT",
  },
  {
    key: "L07",
    line1: "Flat 7, Harker House",
    line2: "Bellfield Estate, Bellfield Road",
    postcode: "SE15 4QF",
    kind: "RESIDENTIAL",
    lat: 51.470412,
    lng: -0.067215,
    uprn: "990000000707",
    org: "KH",
  },
  {
    key: "L08",
    line1: "Flat 12, Cordwainer Court",
    line2: "Bellfield Road",
    postcode: "SE15 4QG",
    kind: "RESIDENTIAL",
    lat: 51.470958,
    lng: -0.066431,
    uprn: "990000001212",
    org: "KH",
  },
  {
    key: "L09",
    line1: "Flat 11, Cordwainer Court",
    line2: "Bellfield Road",
    postcode: "SE15 4QG",
    kind: "RESIDENTIAL",
    lat: 51.470958,
    lng: -0.066431,
    uprn: "990000001111",
    org: "KH",
  },
  {
    key: "L10",
    line1: "23 Pelham Terrace",
    postcode: "SE15 5RH",
    kind: "RESIDENTIAL",
    lat: 51.468027,
    lng: -0.073318,
    uprn: "990000002323",
    org: "MPS",
    by: "sarah",
  },
  {
    key: "L11",
    line1: "41 Osier Road",
    postcode: "SE16 2JX",
    kind: "RESIDENTIAL",
    lat: 51.493112,
    lng: -0.062748,
    uprn: "990000004141",
    org: "KWA",
    by: "claire",
  },
  {
    key: "L12",
    line1: "8 Quarry Lane",
    postcode: "SE22 9DP",
    kind: "RESIDENTIAL",
    lat: 51.452176,
    lng: -0.064912,
    uprn: "990000000808",
    org: "KCSAT",
  },
  {
    key: "L13",
    line1: "10 Quarry Lane",
    postcode: "SE22 9DP",
    kind: "RESIDENTIAL",
    lat: 51.452201,
    lng: -0.064855,
    uprn: "990000001010",
    org: "KCSAT",
  },
  {
    key: "L14",
    line1: "Flat 3, 120 Kingsmere High Street",
    postcode: "SE15 5AB",
    kind: "RESIDENTIAL",
    lat: 51.473504,
    lng: -0.069877,
    org: "MPS",
  },
  {
    key: "L15",
    line1: "22 Larkhall Gardens",
    postcode: "SE22 8NB",
    kind: "RESIDENTIAL",
    lat: 51.455431,
    lng: -0.071349,
    uprn: "990000002205",
    org: "MPS",
  },
  // Businesses
  {
    key: "L16",
    line1: "Kingsmere Late Shop",
    line2: "118 Kingsmere High Street",
    postcode: "SE15 5AB",
    kind: "BUSINESS",
    lat: 51.473488,
    lng: -0.069912,
    org: "MPS",
  },
  {
    key: "L17",
    line1: "The Crown and Anchor",
    line2: "27 Dockhead Road",
    postcode: "SE16 4TB",
    kind: "BUSINESS",
    lat: 51.496375,
    lng: -0.071204,
    org: "KCSAT",
  },
  {
    key: "L18",
    line1: "Ryevale Retail Park car park",
    line2: "Ryevale Road",
    postcode: "SE15 6PQ",
    kind: "BUSINESS",
    lat: 51.464719,
    lng: -0.058841,
    org: "MPS",
  },
  // Public spaces
  {
    key: "L19",
    line1: "Kingsmere Town Centre",
    line2: "Kingsmere High Street",
    postcode: "SE15 5AA",
    kind: "PUBLIC_SPACE",
    lat: 51.473861,
    lng: -0.069415,
    org: "KCSAT",
  },
  {
    key: "L20",
    line1: "Market Square",
    line2: "Kingsmere High Street",
    postcode: "SE15 5AD",
    kind: "PUBLIC_SPACE",
    lat: 51.474236,
    lng: -0.068731,
    org: "KCSAT",
  },
  {
    key: "L21",
    line1: "Fennel Park",
    line2: "Fennel Road",
    postcode: "SE22 8QA",
    kind: "PUBLIC_SPACE",
    lat: 51.457912,
    lng: -0.068127,
    org: "KCSAT",
  },
  {
    key: "L22",
    line1: "Canal towpath at Brimstone Bridge",
    line2: "Ropemaker Way",
    postcode: "SE16 3LW",
    kind: "PUBLIC_SPACE",
    lat: 51.488104,
    lng: -0.056335,
    org: "MPS",
  },
  {
    key: "L23",
    line1: "Kingsmere Common",
    line2: "Common Road",
    postcode: "SE22 9AB",
    kind: "PUBLIC_SPACE",
    lat: 51.450267,
    lng: -0.069708,
    org: "KCSAT",
  },
  {
    key: "L24",
    line1: "Kingsmere Rye station",
    line2: "Station Approach",
    postcode: "SE15 6AA",
    kind: "TRANSPORT",
    lat: 51.466952,
    lng: -0.062581,
    org: "MPS",
  },
  { key: "L25", line1: "Bus stop K, Peckwater Road", postcode: "SE15 5HG", kind: "TRANSPORT", lat: 51.472105, lng: -0.071936, org: "MPS" },
  {
    key: "L26",
    line1: "Tanner's Way underpass",
    line2: "Tanner's Way",
    postcode: "SE16 4PX",
    kind: "PUBLIC_SPACE",
    lat: 51.494518,
    lng: -0.066902,
    org: "KCSAT",
  },
  {
    key: "L27",
    line1: "Kingsmere Community Centre",
    line2: "5 Tanner Street",
    postcode: "SE16 4PX",
    kind: "OTHER",
    lat: 51.494736,
    lng: -0.066481,
    org: "MPS",
  },
  {
    key: "L28",
    line1: "Garages 1–24, Ropemaker Way",
    line2: "Marlowe Estate",
    postcode: "SE16 3LT",
    kind: "OTHER",
    lat: 51.489402,
    lng: -0.059676,
    org: "KCSAT",
  },
];

type MarkerSeed = { kind: string; note: string; by: string; days: number };

type PersonSeed = {
  key: string;
  first: string;
  last: string;
  /** Age on the anchor day and days since the last birthday (dates of birth move with the anchor). */
  age?: readonly [years: number, days: number];
  gender: Gender;
  address?: string;
  phone?: string;
  aliases?: { first?: string; last: string }[];
  markers?: MarkerSeed[];
  /** Equality monitoring, filled for MARAC victims (SafeLives dataset). */
  equality?: { ethnicity: string; minoritised: boolean; lgbt: boolean; disability: boolean };
  notes?: string;
  org: string;
  /** Who recorded the profile (a user of `org`); CREATED_BY[org] when not given. */
  by?: string;
  created: number;
};

export const PEOPLE: PersonSeed[] = [
  // Larkhall Gardens: a vulnerable older resident harassed by local teenagers (repeat victim).
  {
    key: "ME",
    first: "Margaret",
    last: "Ellison",
    age: [82, 130],
    gender: "FEMALE",
    address: "L05",
    phone: "020 7946 0301",
    org: "MPS",
    created: -420,
    equality: { ethnicity: "White British", minoritised: false, lgbt: false, disability: true },
    notes:
      "Lives alone; widowed. Uses a walking frame. Prefers contact by landline in the daytime; daughter (Susan) in Kent is the emergency contact.",
    markers: [
      { kind: "AGE", note: "82; lives alone", by: "kwame", days: -209 },
      { kind: "ISOLATION", note: "Has stopped going out after dark and to the shops", by: "kwame", days: -209 },
      { kind: "PHYSICAL_DISABILITY", note: "Limited mobility; uses a walking frame", by: "nadia", days: -74 },
    ],
  },
  {
    key: "WC",
    first: "Winston",
    last: "Campbell",
    age: [74, 40],
    gender: "MALE",
    address: "L06",
    phone: "020 7946 0302",
    org: "KCSAT",
    created: -210,
  },
  { key: "CR", first: "Callum", last: "Reid", age: [16, 200], gender: "MALE", address: "L15", org: "MPS", created: -300 },
  {
    key: "DR",
    first: "Donna",
    last: "Reid",
    age: [42, 75],
    gender: "FEMALE",
    address: "L15",
    phone: "07700 900301",
    org: "KCSAT",
    created: -150,
    notes: "Mother of Callum Reid. Engaging with the Family Support Service.",
  },
  { key: "JM", first: "Jordan", last: "Mills", age: [17, 40], gender: "MALE", org: "KCSAT", created: -210 },
  // Harker House: cuckooing of a tenant with a learning disability.
  {
    key: "DP",
    first: "Darren",
    last: "Pike",
    age: [46, 260],
    gender: "MALE",
    address: "L07",
    phone: "07700 900302",
    org: "KH",
    created: -140,
    markers: [
      { kind: "LEARNING_DISABILITY", note: "Supported by the community learning disability team", by: "fatima", days: -140 },
      { kind: "ISOLATION", note: "No family contact; exploited by 'friends'", by: "nadia", days: -98 },
    ],
  },
  {
    key: "KD",
    first: "Kyle",
    last: "Denton",
    age: [25, 150],
    gender: "MALE",
    org: "MPS",
    created: -128,
    aliases: [{ last: "Kaydee" }, { first: "Kyle", last: "Dent" }],
    notes: "Believed to run a drugs line into the Bellfield Estate. Subject of a civil injunction with an exclusion zone.",
  },
  { key: "BO", first: "Blessing", last: "Okoro", age: [37, 310], gender: "FEMALE", address: "L01", org: "KH", created: -60 },
  // Cordwainer Court: noise nuisance.
  {
    key: "RB",
    first: "Ryan",
    last: "Baxter",
    age: [31, 220],
    gender: "MALE",
    address: "L08",
    phone: "07700 900303",
    org: "KH",
    created: -170,
  },
  {
    key: "EY",
    first: "Elif",
    last: "Yilmaz",
    age: [29, 160],
    gender: "FEMALE",
    address: "L09",
    phone: "07700 900304",
    org: "KH",
    created: -170,
    notes: "Lives with her partner and their baby (born this year).",
  },
  { key: "TN", first: "Tomasz", last: "Nowak", age: [40, 12], gender: "MALE", address: "L02", org: "KCSAT", created: -150 },
  // Market Square: street drinking.
  {
    key: "GW",
    first: "Gary",
    last: "Wilkins",
    age: [55, 300],
    gender: "MALE",
    org: "MPS",
    created: -330,
    aliases: [{ first: "Gaz", last: "Wilkins" }],
    notes: "No fixed abode; sometimes stays at the Peckwater Road hostel. Offered the Kingsmere Recovery Hub several times.",
    markers: [
      { kind: "SUBSTANCE_MISUSE", note: "Alcohol dependent", by: "aisha", days: -330 },
      { kind: "MENTAL_HEALTH", note: "Reports depression; not engaged with services", by: "laura", days: -76 },
    ],
  },
  {
    key: "SD",
    first: "Stephen",
    last: "Doherty",
    age: [59, 45],
    gender: "MALE",
    org: "KCSAT",
    created: -240,
    aliases: [{ first: "Steve", last: "Docherty" }],
    markers: [{ kind: "SUBSTANCE_MISUSE", note: "Alcohol", by: "laura", days: -240 }],
  },
  // A likely duplicate of Stephen Doherty, made by another agency: the merge demo.
  {
    key: "SD2",
    first: "Steven",
    last: "Docherty",
    age: [59, 45],
    gender: "MALE",
    org: "MPS",
    created: -51,
    notes: "Possibly the same person as Stephen Doherty (KCSAT record).",
  },
  {
    key: "KA",
    first: "Kemal",
    last: "Arslan",
    age: [50, 90],
    gender: "MALE",
    phone: "07700 900305",
    org: "KCSAT",
    created: -240,
    notes: "Market trader (fruit and veg stall, Market Square).",
  },
  {
    key: "RF",
    first: "Rosa",
    last: "Fernandes",
    age: [35, 20],
    gender: "FEMALE",
    address: "L14",
    phone: "07700 900306",
    org: "MPS",
    created: -110,
  },
  // Quarry Lane: the Community Trigger.
  {
    key: "PN",
    first: "Patrick",
    last: "Nolan",
    age: [67, 100],
    gender: "MALE",
    address: "L12",
    phone: "020 7946 0303",
    org: "KCSAT",
    created: -190,
  },
  { key: "JT", first: "Josh", last: "Turner", age: [26, 65], gender: "MALE", address: "L13", org: "KCSAT", created: -190 },
  // MARAC victims and perpetrators (restricted cases).
  {
    key: "CA",
    first: "Chloe",
    last: "Adams",
    age: [29, 110],
    gender: "FEMALE",
    address: "L10",
    org: "MPS",
    by: "sarah",
    created: -45,
    equality: { ethnicity: "White British", minoritised: false, lgbt: false, disability: false },
  },
  {
    key: "LF",
    first: "Liam",
    last: "Foster",
    age: [32, 280],
    gender: "MALE",
    org: "MPS",
    by: "sarah",
    created: -45,
    notes: "On licence; supervised by the Probation Service.",
  },
  {
    key: "AY",
    first: "Amina",
    last: "Yusuf",
    age: [34, 210],
    gender: "FEMALE",
    address: "L11",
    org: "KWA",
    by: "claire",
    created: -33,
    equality: { ethnicity: "Black African", minoritised: true, lgbt: false, disability: false },
  },
  { key: "JH", first: "Jason", last: "Hale", age: [37, 30], gender: "MALE", org: "KWA", by: "claire", created: -33 },
  {
    key: "RE",
    first: "Rhys",
    last: "Evans",
    age: [41, 190],
    gender: "MALE",
    org: "KHC",
    by: "nadia",
    created: -4,
    equality: { ethnicity: "White British", minoritised: false, lgbt: true, disability: true },
    markers: [{ kind: "MENTAL_HEALTH", note: "Under the community mental health team for depression", by: "nadia", days: -4 }],
  },
  { key: "AC", first: "Adam", last: "Cole", age: [45, 15], gender: "MALE", org: "KHC", by: "nadia", created: -4 },
  {
    key: "EN",
    first: "Ellie",
    last: "Newman",
    age: [17, 95],
    gender: "FEMALE",
    org: "ASH",
    by: "michael",
    created: -15,
    equality: { ethnicity: "Mixed White and Black Caribbean", minoritised: true, lgbt: false, disability: false },
    notes: "Moved to Kingsmere from Ashcombe; staying with her aunt. Address withheld.",
    markers: [{ kind: "AGE", note: "17: a child; children's social care involved", by: "michael", days: -15 }],
  },
  { key: "RD", first: "Reece", last: "Dawson", age: [17, 230], gender: "MALE", org: "ASH", by: "michael", created: -15 },
  // Fennel Park: youths congregating.
  { key: "JC", first: "Jayden", last: "Clarke", age: [15, 120], gender: "MALE", org: "MPS", created: -46 },
  { key: "EB", first: "Ethan", last: "Brooks", age: [16, 60], gender: "MALE", address: "L04", org: "MPS", created: -46 },
  { key: "LS", first: "Leo", last: "Sandhu", age: [15, 300], gender: "MALE", org: "MPS", created: -46 },
  { key: "NH", first: "Nicola", last: "Hart", age: [38, 140], gender: "FEMALE", phone: "07700 900307", org: "MPS", created: -52 },
  // Others
  {
    key: "LA",
    first: "Lee",
    last: "Ashworth",
    age: [48, 10],
    gender: "MALE",
    org: "KCSAT",
    created: -240,
    notes: "Director of Swift Clearances Ltd (house clearances).",
  },
  {
    key: "YK",
    first: "Yusuf",
    last: "Khalid",
    age: [56, 70],
    gender: "MALE",
    phone: "020 7946 0304",
    org: "MPS",
    created: -350,
    notes: "Manager of Kingsmere Community Centre.",
  },
  { key: "WS", first: "Wayne", last: "Sutton", age: [43, 180], gender: "MALE", address: "L04", org: "KH", created: -150 },
  {
    key: "FA",
    first: "Femi",
    last: "Adebayo",
    age: [46, 250],
    gender: "MALE",
    address: "L04",
    phone: "07700 900308",
    org: "KH",
    created: -150,
    markers: [{ kind: "PHYSICAL_DISABILITY", note: "Wheelchair user", by: "owen", days: -150 }],
  },
  {
    key: "CW",
    first: "Connor",
    last: "Walsh",
    age: [22, 35],
    gender: "MALE",
    org: "MPS",
    created: -280,
    aliases: [{ first: "Con", last: "Walsh" }],
  },
  {
    key: "SK",
    first: "Stuart",
    last: "Kemp",
    age: [53, 200],
    gender: "MALE",
    org: "MPS",
    created: -330,
    markers: [
      { kind: "SUBSTANCE_MISUSE", note: "Heroin and crack cocaine; on a methadone script", by: "aisha", days: -300 },
      { kind: "MENTAL_HEALTH", note: "Diagnosed personality disorder", by: "nadia", days: -120 },
    ],
  },
];

export async function seedLocations(ctx: SeedContext): Promise<void> {
  for (const loc of LOCATIONS) {
    const createdAt = ctx.clock.at(-600, "10:00");
    const id = seedId(`location:${loc.key}`);
    const data = {
      addressLine1: loc.line1,
      addressLine2: loc.line2 ?? null,
      town: TOWN,
      postcode: loc.postcode,
      uprn: loc.uprn ?? null,
      latitude: loc.lat.toFixed(6),
      longitude: loc.lng.toFixed(6),
      kind: loc.kind,
      searchText: searchText(loc.line1, loc.line2, TOWN, loc.postcode),
      createdByOrgId: ctx.id(`org:${loc.org}`),
      createdById: creatorOf(ctx, loc),
      updatedAt: createdAt,
    };
    await ctx.tx.location.upsert({ where: { id }, create: { id, ...data, createdAt }, update: data });
    ctx.remember(`location:${loc.key}`, id);
  }
}

export async function seedPeople(ctx: SeedContext): Promise<void> {
  for (const person of PEOPLE) {
    const id = seedId(`person:${person.key}`);
    const createdAt = firstRecorded(ctx, person);
    const aliases = person.aliases ?? [];
    const data = {
      firstName: person.first,
      lastName: person.last,
      searchText: searchText(person.first, person.last, ...aliases.flatMap((a) => [a.first, a.last])),
      dateOfBirth: person.age ? ctx.clock.birth(person.age[0], person.age[1]) : null,
      gender: person.gender,
      ethnicity: person.equality?.ethnicity ?? null,
      isRaciallyMinoritised: person.equality?.minoritised ?? null,
      isLgbt: person.equality?.lgbt ?? null,
      hasDisability: person.equality?.disability ?? null,
      phone: person.phone ?? null,
      addressId: person.address ? ctx.id(`location:${person.address}`) : null,
      notes: person.notes ?? null,
      createdByOrgId: ctx.id(`org:${person.org}`),
      createdById: creatorOf(ctx, person),
      updatedAt: createdAt,
    };
    await ctx.tx.person.upsert({ where: { id }, create: { id, ...data, createdAt }, update: data });
    ctx.remember(`person:${person.key}`, id);

    for (const [i, alias] of aliases.entries()) {
      const aliasId = seedId(`person-alias:${person.key}:${i}`);
      const aliasData = {
        personId: id,
        firstName: alias.first ?? null,
        lastName: alias.last,
        searchText: searchText(alias.first, alias.last),
      };
      await ctx.tx.personAlias.upsert({ where: { id: aliasId }, create: { id: aliasId, ...aliasData }, update: aliasData });
    }
    for (const [i, marker] of (person.markers ?? []).entries()) {
      const markerId = seedId(`marker:${person.key}:${i}`);
      const markerData = {
        personId: id,
        kind: marker.kind,
        note: marker.note,
        recordedById: ctx.user(marker.by).id,
        recordedAt: ctx.clock.at(marker.days, "14:00"),
        removedAt: null,
      };
      await ctx.tx.vulnerabilityMarker.upsert({ where: { id: markerId }, create: { id: markerId, ...markerData }, update: markerData });
    }
  }
}

/** A profile is made no later than the first incident or case that names the person. */
function firstRecorded(ctx: SeedContext, person: PersonSeed): Date {
  const times = [ctx.clock.at(person.created, "11:00")];
  for (const incident of INCIDENTS) {
    if (incident.people?.some(([key]) => key === person.key)) times.push(addMinutes(ctx.clock.when(incident.when), incident.after));
  }
  for (const c of CASES) {
    if (c.people.some(([key]) => key === person.key)) times.push(ctx.clock.when(c.opened));
  }
  return new Date(Math.min(...times.map((t) => t.getTime())));
}
