import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { PAGES, ROUTES } from "../support/access-matrix";
import { loadRecords } from "../support/seeded-records";
import { CookieJar, signInByForm } from "../support/sign-in-by-form";
import { DEMO_PASSWORD, serveApp, startDatabase, type Database } from "./support";

// Bad input, as an attacker or an unlucky user sends it, to every form and every route handler:
// each page the access matrix lists is opened as several kinds of user, and each form on it is
// posted as a browser without script posts it, its fields filled with one kind of bad value at a
// time (empty, 100 KB, NUL, right-to-left text, HTML, wrong types, impossible dates, years 0001
// and 9999, negative and huge numbers, unknown choices, nil and non-UUID ids). Every answer must
// come within a bound, never be a 5xx, and never carry a stack trace, SQL or an internal address.
// A new page (so a new form) in the matrix is fuzzed the day it is added. Its own database: the
// posts that are valid write to it.

const DB_PORT = Number(process.env.RESILIENCE_FUZZ_PG_PORT ?? 54343);
const APP_PORT = Number(process.env.RESILIENCE_FUZZ_APP_PORT ?? 3193);
const BOUND_MS = 15_000;
// A stack trace, SQL (Prisma's, with quoted identifiers), or where the database is.
const LEAKS =
  /\n\s+at \S+ \(|node_modules\/|PrismaClient|Invalid `prisma|SELECT [^<>]{0,300} FROM "|INSERT INTO "|postgres(ql)?:\/\/|127\.0\.0\.1:\d{4,5}|ECONNREFUSED/;

// Administrators last: their forms act on other users, and the other fuzzers must stay signed in.
const USERS = [
  "kwame.mensah@kingsmere.gov.example", // officer, CCM
  "rebecca.chen@met.kingsmere.example", // MARAC chair
  "helen.marsh@kingsmere.gov.example", // CCM chair
  "sandra.okafor@kingsmere.gov.example", // manager
  "priya.raman@kingsmere.gov.example", // administrator
];

type Kind = { name: string; value: string; day?: string; month?: string; year?: string; id?: string };

const KINDS: Kind[] = [
  { name: "empty", value: "" },
  { name: "100 KB", value: "a".repeat(100 * 1024) },
  { name: "NUL", value: "before\u0000after", id: "\u0000" },
  { name: "right-to-left and emoji", value: "Zo\u00eb \u202eevil\u202c \u{1F642} \u674e \ud800" },
  { name: "HTML", value: `<script>alert(1)</script><img src=x onerror=alert(1)>"'` },
  { name: "wrong type", value: "{}[]true", day: "xx", month: "yy", year: "zzzz" },
  { name: "impossible date", value: "31/02/2026", day: "31", month: "2", year: "2026" },
  { name: "year 0001", value: "0001-01-01", day: "1", month: "1", year: "0001" },
  { name: "year 9999", value: "9999-12-31", day: "31", month: "12", year: "9999" },
  { name: "negative", value: "-1", day: "-1", month: "-1", year: "-999" },
  { name: "huge", value: "1e309", day: "99999999999999999999", month: "1e309", year: "99999999999999999999" },
  { name: "unknown choice", value: "NOT_A_CHOICE" },
  { name: "nil id", value: "00000000-0000-0000-0000-000000000000", id: "00000000-0000-0000-0000-000000000000" },
  { name: "non-UUID id", value: "1' OR '1'='1", id: "1' OR '1'='1" },
];

type Field = { name: string; type: string; value: string };
type Form = { key: string; fields: Field[]; hasVisible: boolean; label: string };

const decode = (value: string) =>
  value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const attr = (tag: string, name: string) => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return found === undefined ? undefined : decode(found);
};

/** The forms a page posts (not the filter forms, which GET), with their fields. */
function postForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open, inner] = match as unknown as [string, string, string];
    if (!/method="post"/i.test(open)) continue;
    if (/>\s*Sign out\s*</.test(inner)) continue;
    const fields: Field[] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(input[0], "name");
      if (!name) continue;
      fields.push({ name, type: (attr(input[0], "type") ?? "text").toLowerCase(), value: attr(input[0], "value") ?? "" });
    }
    for (const area of inner.matchAll(/<textarea\b[^>]*>/g)) {
      const name = attr(area[0], "name");
      if (name) fields.push({ name, type: "textarea", value: "" });
    }
    for (const select of inner.matchAll(/<select\b[^>]*>/g)) {
      const name = attr(select[0], "name");
      if (name) fields.push({ name, type: "select", value: "" });
    }
    const actionId = fields.find((f) => f.name.startsWith("$ACTION_"))?.name ?? "";
    const visible = fields.filter((f) => !["hidden", "submit", "button"].includes(f.type) && !f.name.startsWith("$ACTION"));
    const label = />([^<>]{2,60})<\/button>/.exec(inner)?.[1]?.trim() ?? "a form";
    forms.push({
      key: `${actionId}|${visible
        .map((f) => f.name)
        .sort()
        .join(",")}`,
      fields,
      hasVisible: visible.length > 0,
      label,
    });
  }
  return forms;
}

function valueFor(field: Field, kind: Kind): string {
  if (field.name.endsWith("-day")) return kind.day ?? kind.value;
  if (field.name.endsWith("-month")) return kind.month ?? kind.value;
  if (field.name.endsWith("-year")) return kind.year ?? kind.value;
  return kind.value;
}

/** The form as a browser without script posts it; `hiddenToo` puts the bad value in the ids as well. */
function bodyFor(form: Form, kind: Kind, hiddenToo: boolean): FormData {
  const body = new FormData();
  for (const field of form.fields) {
    if (field.name.startsWith("$ACTION")) body.append(field.name, field.value);
    else if (field.type === "hidden")
      body.append(field.name, hiddenToo && field.name !== "submissionKey" ? (kind.id ?? kind.value) : field.value);
    else if (field.type === "submit" || field.type === "button" || field.type === "file") continue;
    else body.append(field.name, valueFor(field, kind));
  }
  return body;
}

type Problem = string;

async function check(what: string, started: number, response: Response, problems: Problem[]): Promise<void> {
  const took = Date.now() - started;
  const text = await response.text().catch(() => "");
  if (response.status >= 500) problems.push(`${what}: ${response.status}`);
  if (took > BOUND_MS) problems.push(`${what}: took ${took} ms`);
  const leak = LEAKS.exec(text);
  if (leak) problems.push(`${what}: the answer carries "${leak[0]}"`);
}

let database: Database;
let app: Awaited<ReturnType<typeof serveApp>>;
// Read once, before any fuzzing: a post with ids kept and plausible values can really change the
// demo data (withdraw a share, say), which the later tests would otherwise fail to find.
let records: Awaited<ReturnType<typeof loadRecords>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await startDatabase("fuzz", DB_PORT, false);
  app = await serveApp(APP_PORT, database.url);
  records = await loadRecords(database.url);
});

test.afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

test("every form on every page: bad input never gives a 5xx, a hang or an internal error text", async () => {
  test.setTimeout(1_500_000);
  const urls = [...new Set(Object.values(PAGES).flatMap((probes) => probes.map((p) => p.url(records))))];
  const fuzzed = new Set<string>();
  const problems: Problem[] = [];
  let posts = 0;
  for (const email of USERS) {
    const jar = new CookieJar();
    await signInByForm(app.base, email, DEMO_PASSWORD, jar);
    for (const path of urls) {
      const page = await fetch(`${app.base}${path}`, { headers: { cookie: jar.header() }, redirect: "manual" });
      if (page.status !== 200) continue;
      for (const form of postForms(await page.text())) {
        if (fuzzed.has(form.key)) continue;
        fuzzed.add(form.key);
        // One-click forms (no field to type in) are fuzzed only through their ids: with their
        // own ids they would really disable an account or take someone off a panel.
        const passes = form.hasVisible ? [false, true] : [true];
        for (const hiddenToo of passes) {
          for (const kind of KINDS) {
            const started = Date.now();
            const response = await fetch(`${app.base}${path}`, {
              method: "POST",
              body: bodyFor(form, kind, hiddenToo),
              headers: { cookie: jar.header(), origin: app.base },
              redirect: "manual",
              signal: AbortSignal.timeout(BOUND_MS * 2),
            }).catch((error: unknown) => {
              problems.push(
                `${path} "${form.label}" (${kind.name}${hiddenToo ? ", ids too" : ""}) as ${email}: no answer (${String(error)})`,
              );
              return null;
            });
            posts += 1;
            if (response)
              await check(`${path} "${form.label}" (${kind.name}${hiddenToo ? ", ids too" : ""}) as ${email}`, started, response, problems);
          }
        }
      }
    }
  }
  console.log(`fuzz: ${fuzzed.size} forms, ${posts} posts`);
  expect(fuzzed.size, "forms found to fuzz").toBeGreaterThan(40);
  expect(problems).toEqual([]);
});

test("every page, with the names of Object's own properties in its address, answers without a 5xx", async () => {
  // A lookup such as NOTICES[notice] with ?notice=constructor once found Object's constructor and
  // rendered it: a 500 on any page that shows a notice. Every query parameter a page reads is given
  // such a name.
  const names = ["notice", "problem", "type", "relation", "sort", "dir", "page", "scope", "status", "period", "format", "search"];
  const problems: Problem[] = [];
  for (const email of [USERS[0]!, USERS[1]!, USERS[4]!]) {
    const jar = new CookieJar();
    await signInByForm(app.base, email, DEMO_PASSWORD, jar);
    // And in the address's own segments.
    const segments = ["/panels/constructor", "/returns/constructor", `/admin/audit/seen/constructor/${randomUUID()}`];
    for (const path of new Set([...Object.values(PAGES).flatMap((probes) => probes.map((p) => p.url(records))), ...segments])) {
      for (const value of ["constructor", "__proto__", "toString"]) {
        const url = `${path}${path.includes("?") ? "&" : "?"}${new URLSearchParams(names.map((n) => [n, value]))}`;
        const started = Date.now();
        const response = await fetch(`${app.base}${url}`, { headers: { cookie: jar.header() }, redirect: "manual" });
        await check(`GET ${url} as ${email}`, started, response, problems);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("the sign-in form, signed out", async () => {
  const problems: Problem[] = [];
  const page = await fetch(`${app.base}/sign-in`);
  const [form] = postForms(await page.text());
  for (const kind of KINDS) {
    const started = Date.now();
    const response = await fetch(`${app.base}/sign-in`, {
      method: "POST",
      body: bodyFor(form!, kind, false),
      headers: { origin: app.base },
      redirect: "manual",
    });
    await check(`sign-in (${kind.name})`, started, response, problems);
  }
  expect(problems).toEqual([]);
});

test("every route handler: bad input never gives a 5xx, a hang or an internal error text", async () => {
  const cookie = await signInByForm(app.base, "sandra.okafor@kingsmere.gov.example", DEMO_PASSWORD);
  const problems: Problem[] = [];
  const send = async (what: string, url: string, init: RequestInit = {}) => {
    const started = Date.now();
    const response = await fetch(`${app.base}${url}`, {
      ...init,
      headers: { cookie, origin: app.base, ...(init.headers ?? {}) },
      redirect: "manual",
      signal: AbortSignal.timeout(BOUND_MS * 2),
    });
    await check(what, started, response, problems);
  };
  const json = (body: unknown) => ({
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  for (const kind of KINDS) {
    // In an address: a lone surrogate cannot be percent-encoded, so it goes as a malformed escape.
    const v =
      encodeURIComponent(kind.value.slice(0, 2000).toWellFormed()) + (kind.name.startsWith("right-to-left") ? "%ED%A0%80%E0%A4%A" : "");
    for (const [route, probes] of Object.entries(ROUTES)) {
      for (const probe of probes) {
        const url = probe.url(records);
        // Every query parameter, and every id in the path, replaced by the bad value.
        const withBadQuery = url.includes("?") ? url.replace(/=([^&]*)/g, `=${v}`) : `${url}?period=${v}&format=${v}`;
        await send(`${route} GET ?${kind.name}`, withBadQuery);
        const withBadIds = url.replace(
          /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
          encodeURIComponent((kind.id ?? kind.value.slice(0, 200)).toWellFormed()),
        );
        if (withBadIds !== url) await send(`${route} GET with a bad id (${kind.name})`, withBadIds);
        if (probe.method === "POST") {
          const body = Object.fromEntries(
            Object.keys((probe.json as Record<string, unknown>) ?? { q: "" }).map((key) => [key, kind.value]),
          );
          await send(`${route} POST (${kind.name})`, url, json(body));
        }
      }
    }
    // An incident with every field bad in turn, and the body itself broken.
    const incident = {
      occurredAt: new Date().toISOString(),
      reportedAt: new Date().toISOString(),
      reportMethod: "PATROL",
      category: "NUISANCE",
      type: "NOISE",
      description: "x",
      riskLevel: "STANDARD",
      submissionKey: randomUUID(),
      people: [],
    };
    for (const field of Object.keys(incident))
      await send(
        `/api/incidents POST ${field}: ${kind.name}`,
        "/api/incidents",
        json({ ...incident, submissionKey: randomUUID(), [field]: kind.value }),
      );
    await send(
      `/api/incidents POST people: ${kind.name}`,
      "/api/incidents",
      json({ ...incident, submissionKey: randomUUID(), people: [{ personId: kind.id ?? kind.value, role: kind.value }] }),
    );
  }
  await send("/api/incidents POST not JSON", "/api/incidents", json("{not json"));
  await send("/api/incidents POST 1 MB", "/api/incidents", json(`{"description":"${"a".repeat(1024 * 1024)}"}`));
  expect(problems).toEqual([]);
});
