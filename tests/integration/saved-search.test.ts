import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { saveSearchAction } from "@/lib/search/actions";
import { resolveSearchParams, saveSearch } from "@/lib/search/saved";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { callServerAction, signInForCalls } from "@/tests/support/server-action-calls";

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

// Names and addresses searched for never go in a URL: the search form posts them, they are kept
// on the server, and the address carries only a handle that nobody else can read back.

async function officer(role: "OFFICER" | "MANAGER" | "VIEWER" = "OFFICER") {
  const organisation = await makeOrganisation("POLICE");
  const user = await makeUser({ organisationId: organisation.id, role });
  return actorFor(user.id);
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const handleIn = (to: string) => new URL(to, "http://app.test").searchParams.get("search");

beforeEach(() => signInForCalls(null));

describe("saving a search", () => {
  it("keeps the name and date of birth on the server and puts only a handle in the address", async () => {
    const actor = await officer();
    signInForCalls(actor);
    const called = await callServerAction(() =>
      saveSearchAction(
        form({ _scope: "people", _path: "/people", q: "Stephen Doherty", "dob-day": "2", "dob-month": "3", "dob-year": "1985" }),
      ),
    );
    expect(called.kind).toBe("redirect");
    const to = called.kind === "redirect" ? called.to : "";
    expect(to).toMatch(/^\/people\?search=[A-Za-z0-9_-]{22}$/);
    expect(to).not.toMatch(/Doherty|1985/i);

    const { params, expired } = await resolveSearchParams(actor, "people", { search: handleIn(to)! });
    expect(expired).toBe(false);
    expect(params).toMatchObject({ q: "Stephen Doherty", "dob-day": "2", "dob-month": "3", "dob-year": "1985" });
  });

  it("keeps filters that name nobody in the address, next to the handle, and starts again at page 1", async () => {
    const actor = await officer();
    signInForCalls(actor);
    const called = await callServerAction(() =>
      saveSearchAction(form({ _scope: "powers", _path: "/powers", subject: "Lee Barker", status: "ISSUED", page: "4", sort: "issued" })),
    );
    const to = called.kind === "redirect" ? called.to : "";
    const url = new URL(to, "http://app.test");
    expect(url.pathname).toBe("/powers");
    expect(url.searchParams.get("status")).toBe("ISSUED");
    expect(url.searchParams.get("sort")).toBe("issued");
    expect(url.searchParams.has("page")).toBe(false);
    expect(url.searchParams.has("subject")).toBe(false);
    expect(to).not.toContain("Barker");
  });

  it("the incident list keeps a typed name and postcode on the server; the chosen person's id and the other filters stay in the address", async () => {
    const actor = await officer();
    signInForCalls(actor);
    const person = "0190f0e0-0000-7000-8000-0000000000aa";
    const called = await callServerAction(() =>
      saveSearchAction(
        form({
          _scope: "incidents",
          _path: "/incidents",
          name: "Doherty",
          postcode: "SE15 4QF",
          person,
          category: "NUISANCE",
          from: "1/4/2026",
        }),
      ),
    );
    const to = called.kind === "redirect" ? called.to : "";
    expect(to).not.toMatch(/Doherty|SE15/i);
    const url = new URL(to, "http://app.test");
    expect(url.pathname).toBe("/incidents");
    expect(Object.fromEntries(url.searchParams)).toEqual({ person, category: "NUISANCE", from: "1/4/2026", search: handleIn(to) });

    const { params } = await resolveSearchParams(actor, "incidents", Object.fromEntries(url.searchParams));
    expect(params).toMatchObject({ name: "Doherty", postcode: "SE15 4QF", person, category: "NUISANCE" });
    // A name or postcode written into the address by hand filters nothing.
    expect((await resolveSearchParams(actor, "incidents", { name: "Doherty", postcode: "SE15" })).params).toEqual({});
  });

  it("with nothing personal typed, no search is saved and the address holds the filters alone", async () => {
    const actor = await officer();
    signInForCalls(actor);
    const before = await db.savedSearch.count({ where: { userId: actor.userId } });
    const called = await callServerAction(() => saveSearchAction(form({ _scope: "cases", _path: "/cases", q: "  ", status: "OPEN" })));
    expect(called).toEqual({ kind: "redirect", to: "/cases?status=OPEN" });
    expect(await db.savedSearch.count({ where: { userId: actor.userId } })).toBe(before);
  });

  it("refuses to send the browser anywhere but the search's own page (no open redirect)", async () => {
    const actor = await officer();
    signInForCalls(actor);
    for (const _path of ["//evil.example/people", "https://evil.example/people", "/people/../admin", "/cases", "/people?x=1"]) {
      const called = await callServerAction(() => saveSearchAction(form({ _scope: "people", _path, q: "Doherty" })));
      expect(called.kind, _path).toBe("not-found");
    }
    const unknownScope = await callServerAction(() => saveSearchAction(form({ _scope: "toString", _path: "/people", q: "Doherty" })));
    expect(unknownScope.kind).toBe("not-found");
    expect(await db.savedSearch.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("a user without the page's permission cannot save its search; a signed-out visitor is sent to sign in", async () => {
    const viewer = await officer("VIEWER");
    signInForCalls(viewer);
    const called = await callServerAction(() => saveSearchAction(form({ _scope: "admin-users", _path: "/admin/users", q: "priya" })));
    expect(called.kind).toBe("not-found");

    signInForCalls(null);
    const signedOut = await callServerAction(() => saveSearchAction(form({ _scope: "people", _path: "/people", q: "Doherty" })));
    expect(signedOut).toMatchObject({ kind: "redirect", to: expect.stringMatching(/^\/sign-in/) });
    expect(await db.savedSearch.count({ where: { userId: viewer.userId } })).toBe(0);
  });
});

describe("reading a search back", () => {
  it("another user holding the handle (a shared link, a shared computer's history) gets nothing back", async () => {
    const owner = await officer();
    const other = await officer();
    const handle = (await saveSearch(owner, "people", { q: "Stephen Doherty" }))!;
    const theirs = await resolveSearchParams(other, "people", { search: handle });
    expect(theirs.expired).toBe(true);
    expect(theirs.params).toEqual({});
    expect(JSON.stringify(theirs)).not.toContain("Doherty");
  });

  it("a handle made for one search form reads as expired on another", async () => {
    const actor = await officer();
    const handle = (await saveSearch(actor, "places", { q: "14 Mill Lane" }))!;
    const elsewhere = await resolveSearchParams(actor, "cases", { search: handle });
    expect(elsewhere).toMatchObject({ expired: true, params: {} });
  });

  it("expires after 12 hours, and expired terms are deleted when the next search is saved", async () => {
    const actor = await officer();
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000);
    const old = (await saveSearch(actor, "people", { q: "Old Name" }, thirteenHoursAgo))!;
    expect((await resolveSearchParams(actor, "people", { search: old })).expired).toBe(true);

    await saveSearch(actor, "people", { q: "New Name" });
    expect(await db.savedSearch.findUnique({ where: { id: old } })).toBeNull();
  });

  it("ignores a name typed straight into the address, and keeps it out of the links the page builds", async () => {
    const actor = await officer();
    const handle = (await saveSearch(actor, "powers", { subject: "Lee Barker" }))!;
    const resolved = await resolveSearchParams(actor, "powers", { subject: "Someone Else", status: "ISSUED", search: handle });
    expect(resolved.params).toEqual({ subject: "Lee Barker", status: "ISSUED", search: handle });
    expect(resolved.linkParams).toEqual({ status: "ISSUED", search: handle });

    const typed = await resolveSearchParams(actor, "powers", { subject: "Someone Else" });
    expect(typed.params).toEqual({});
  });

  it("guessed or malformed handles read as expired without touching other users' rows", async () => {
    const actor = await officer();
    for (const search of ["x", "' OR 1=1 --", "A".repeat(22), "A".repeat(500)]) {
      expect((await resolveSearchParams(actor, "people", { search })).expired, search).toBe(true);
    }
  });
});
