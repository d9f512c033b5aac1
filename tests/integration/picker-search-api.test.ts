import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor-type";
import { agency, makePerson } from "@/tests/support/people-fixtures";
import { makePlace } from "@/tests/support/places-fixtures";

// POST /api/people/search and POST /api/places/search (the incident form's pickers), called as
// Next would call them. The typed name or address travels in a JSON body, never in the URL
// (a URL lands in access logs). The session module is replaced so each test chooses who
// is asking; the searches are counted so a refusal can be shown to have searched nothing.

let signedIn: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ getActor: async () => signedIn }));

const searched = vi.hoisted(() => ({ people: 0, places: 0 }));
vi.mock("@/lib/people/data", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/people/data")>();
  return { ...real, findPeople: (...args: Parameters<typeof real.findPeople>) => (searched.people++, real.findPeople(...args)) };
});
vi.mock("@/lib/places/data", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/places/data")>();
  return { ...real, searchPlaces: (...args: Parameters<typeof real.searchPlaces>) => (searched.places++, real.searchPlaces(...args)) };
});

const people = await import("@/app/api/people/search/route");
const places = await import("@/app/api/places/search/route");

const ENDPOINTS = {
  people: { url: "http://localhost/api/people/search", POST: people.POST },
  places: { url: "http://localhost/api/places/search", POST: places.POST },
};
type Endpoint = keyof typeof ENDPOINTS;

function post(endpoint: Endpoint, body: BodyInit | Record<string, unknown> | unknown[], contentType: string | null = "application/json") {
  const { url, POST } = ENDPOINTS[endpoint];
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  const isRaw = typeof body === "string" || body instanceof FormData || body instanceof URLSearchParams;
  return POST(new Request(url, { method: "POST", headers, body: isRaw ? body : JSON.stringify(body) }));
}

type PersonAnswer = { results: { id: string; name: string; dateOfBirth: string | null }[] };
type PlaceAnswer = { results: { id: string; label: string; postcode: string | null }[] };

beforeEach(() => {
  signedIn = null;
  searched.people = 0;
  searched.places = 0;
});

describe("the pickers' searches", () => {
  it("find what was typed in the JSON body, with what the user may see only, and are not cached", async () => {
    const mine = await agency();
    const other = await agency();
    const margaret = await makePerson({
      createdByOrgId: mine.organisation.id,
      firstName: "Margaret",
      lastName: "Ellison",
      dateOfBirth: "1961-04-09",
    });
    await makePerson({ createdByOrgId: mine.organisation.id, firstName: "Margaret", lastName: "Ellis", dateOfBirth: "1975-01-01" });
    await makePerson({ createdByOrgId: other.organisation.id, firstName: "Margaret", lastName: "Ellison", dateOfBirth: "1961-04-09" });
    const home = await makePlace({ createdByOrgId: mine.organisation.id, addressLine1: "12 Picker Mews", postcode: "SE23 4PQ" });
    await makePlace({ createdByOrgId: other.organisation.id, addressLine1: "14 Picker Mews", postcode: "SE23 4PQ" });
    signedIn = mine.actor;

    const found = await post("people", { q: "margret elison" });
    expect(found.status).toBe(200);
    expect(found.headers.get("cache-control")).toBe("no-store");
    const answer = (await found.json()) as PersonAnswer;
    expect(answer.results[0]).toMatchObject({ id: margaret.id, name: "Margaret Ellison", dateOfBirth: "09/04/1961" });
    // The other organisation's Margaret Ellison is not theirs to see.
    expect(answer.results.filter((r) => r.name === "Margaret Ellison")).toHaveLength(1);

    const byBirth = (await (await post("people", { q: "margaret ellis", dob: "1975-01-01", limit: 1 })).json()) as PersonAnswer;
    expect(byBirth.results.map((r) => r.dateOfBirth)).toEqual(["01/01/1975"]);

    const atPostcode = await post("places", { q: "se23 4pq", limit: 5 });
    expect(atPostcode.status).toBe(200);
    expect(atPostcode.headers.get("cache-control")).toBe("no-store");
    expect(((await atPostcode.json()) as PlaceAnswer).results).toEqual([expect.objectContaining({ id: home.id, postcode: "SE23 4PQ" })]);
  });

  it("answer 401 signed out and 404 to a user without the permission, before reading the body", async () => {
    for (const endpoint of ["people", "places"] as const) {
      signedIn = null;
      const signedOut = await post(endpoint, { q: "ellison" });
      expect(signedOut.status, endpoint).toBe(401);
      expect(signedOut.headers.get("cache-control")).toBe("no-store");
      // An administrator holds no case-work permissions: the endpoint does not exist for them.
      signedIn = (await agency({ role: "ADMIN" })).actor;
      expect((await post(endpoint, { q: "ellison" })).status, endpoint).toBe(404);
    }
    expect(searched).toEqual({ people: 0, places: 0 });
  });

  it("refuse every body another site's HTML form could send (415), and search nothing", async () => {
    signedIn = (await agency()).actor;
    const form = new FormData();
    form.set("q", "ellison");
    const attempts: [BodyInit, string | null][] = [
      ["q=ellison", "application/x-www-form-urlencoded"],
      [form, null], // multipart/form-data with its boundary, set by the Request
      ['{"q":"ellison"}', "text/plain"],
      ['{"q":"ellison"}', "text/plain; charset=utf-8"],
      ['{"q":"ellison"}', null], // no type given: a string body goes as text/plain
    ];
    for (const endpoint of ["people", "places"] as const) {
      for (const [body, contentType] of attempts) {
        const response = await post(endpoint, body, contentType);
        expect(response.status, `${endpoint} ${contentType ?? String(body)}`).toBe(415);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.json()).toEqual({
          type: "about:blank",
          title: "Unsupported Media Type",
          status: 415,
          detail: "Send the request as application/json",
        });
      }
      // A charset parameter is still JSON.
      expect((await post(endpoint, { q: "ellison" }, "application/json; charset=utf-8")).status).toBe(200);
    }
    expect(searched).toEqual({ people: 1, places: 1 });
  });

  it("answer 400 with a clear message to a body that is not a search, and 413 to an oversized one, as problem details", async () => {
    signedIn = (await agency()).actor;
    const refusals: [Endpoint, Parameters<typeof post>[1], number, string][] = [
      ["people", "{q: ellison", 400, "The body is not valid JSON"],
      ["places", "", 400, "The body is not valid JSON"],
      ["people", ["ellison"], 400, "Send a JSON object"],
      ["places", "null", 400, "Send a JSON object"],
      ["people", { q: "ellison", dob: "1961-02-30" }, 400, "dob must be a real past date as YYYY-MM-DD"],
      ["people", { q: "ellison", dob: 19610409 }, 400, "dob must be a real past date as YYYY-MM-DD"],
      ["people", { q: "ellison", dob: "2999-01-01" }, 400, "dob must be a real past date as YYYY-MM-DD"],
      ["people", { q: "x".repeat(5000) }, 413, "The request is too large"],
    ];
    for (const [endpoint, body, status, message] of refusals) {
      const response = await post(endpoint, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status, detail: message });
    }
    expect(searched).toEqual({ people: 0, places: 0 });

    // What the picker sends as the user starts typing is no search yet, not an error.
    expect(await (await post("people", { q: "e" })).json()).toEqual({ results: [] });
    expect(await (await post("people", {})).json()).toEqual({ results: [] });
  });

  it("export POST only, so Next answers a GET with a name in its query string 405 without running them", () => {
    expect(Object.keys(people).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["POST"]);
    expect(Object.keys(places).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["POST"]);
  });
});
