import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { Actor } from "@/lib/auth/actor-type";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { can, type Permission } from "@/lib/auth/permissions";
import { refuseWith } from "@/lib/auth/refuse";
import { getActor } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/database-status";
import { BadRequestError, BusyError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { PROBLEM_CONTENT_TYPE, problem, UNAVAILABLE_DETAIL } from "@/lib/http/problem";
import { readJsonObject } from "@/lib/json-request";

// The one way a route handler runs (app/**/route.ts; tests/unit/route-handlers.test.ts fails for
// one that does not): who is asking, whether their role may use the route, the JSON body, and
// every error turned into a status in one place. The handler only turns the data layer's answer
// into HTTP.
//
// Errors: an API called by a script answers RFC 9457 problem details; a download opened by a
// link (signedOut: "redirect") answers the same statuses as plain text a browser can show.

export type RouteOptions = SignedInRoute | PublicRoute;

type SignedInRoute = Common & {
  /** A signed-out visitor: "redirect" (a page or download opened by a link) → 303 to sign-in; "401" (an API). */
  signedOut: "redirect" | "401";
  /** Without it the route answers 404, as if it did not exist, and the refusal is audited. */
  permission?: Permission;
};

/** No session is read: the health check must answer while the database is away. */
type PublicRoute = Common & { signedOut: "public"; permission?: never };

type Common = {
  /** The dynamic segments the handler reads, e.g. ["id"] for app/api/meetings/[id]/…; a missing one is a 404. */
  params?: readonly string[];
  /** Read a JSON object body: application/json only (415), at most maxBytes (413), parsed (400) and cleaned. */
  body?: { json: true; maxBytes: number };
};

export type RouteContext<O extends RouteOptions> = {
  actor: O extends { signedOut: "public" } ? null : Actor;
  request: Request;
  url: URL;
  params: O extends { params: readonly (infer K extends string)[] } ? Record<K, string> : Record<never, string>;
  body: O extends { body: { json: true } } ? Record<string, unknown> : undefined;
};

/** What Next.js calls. The context is optional so tests can call a handler with a request alone. */
export type RouteHandler = (
  request: Request,
  context?: { params?: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

const RETRY_AFTER_UNAVAILABLE_SECONDS = 30;

export function route<const O extends RouteOptions>(options: O, handler: (context: RouteContext<O>) => Promise<Response>): RouteHandler {
  const answer = options.signedOut === "redirect" ? TEXT : PROBLEM;
  return async (request, context) => {
    const url = new URL(request.url);
    let response: Response;
    try {
      response = await run(
        options,
        request,
        url,
        context?.params,
        answer,
        handler as (context: RouteContext<RouteOptions>) => Promise<Response>,
      );
    } catch (error) {
      response = answerError(error, request, url, answer);
    }
    return withStandardHeaders(response);
  };
}

type Answer = (
  status: number,
  detail: string,
  extra?: { headers?: Record<string, string>; fieldErrors?: FieldErrors; instance?: string },
) => Response;
/** How a route answers an error; `notFound` is also its refusal, word for word. */
type Answers = { error: Answer; notFound: () => Response };

async function run(
  options: RouteOptions,
  request: Request,
  url: URL,
  paramsPromise: Promise<Record<string, string | string[] | undefined>> | undefined,
  answer: Answers,
  handler: (context: RouteContext<RouteOptions>) => Promise<Response>,
): Promise<Response> {
  let actor: Actor | null = null;
  if (options.signedOut !== "public") {
    actor = await getActor();
    if (!actor) return options.signedOut === "redirect" ? toSignIn(url) : answer.error(401, "Sign in first");
    if (options.permission && !can(actor, options.permission)) return refuseWith(actor, options.permission, answer.notFound());
  }

  const given = (await paramsPromise) ?? {};
  const params: Record<string, string> = {};
  for (const name of options.params ?? []) {
    const value = given[name];
    if (typeof value !== "string") throw new NotFoundError();
    params[name] = value;
  }

  let body: Record<string, unknown> | undefined;
  if (options.body) {
    const read = await readJsonObject(request, options.body.maxBytes);
    if (!read.ok) return answer.error(read.status, read.message);
    body = read.body;
  }

  return handler({ actor, request, url, params, body } as RouteContext<RouteOptions>);
}

/** To sign in, and back here afterwards: only ever a path on this site (no open redirect). */
function toSignIn(url: URL): Response {
  const wanted = `${url.pathname}${url.search}`;
  const back = safeCallbackPath(wanted);
  const location = back === wanted ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in";
  return new Response(null, { status: 303, headers: { Location: location } });
}

function answerError(error: unknown, request: Request, url: URL, answer: Answers): Response {
  // Next.js's own signals (redirect(), notFound(), dynamic rendering) are not errors to answer.
  unstable_rethrow(error);
  if (error instanceof NotFoundError) return answer.notFound();
  if (error instanceof ForbiddenError) return answer.error(403, error.message);
  if (error instanceof ValidationError) return answer.error(422, error.message, { fieldErrors: error.fieldErrors });
  if (error instanceof ConflictError) return answer.error(409, error.message);
  if (error instanceof BadRequestError) return answer.error(400, error.message);
  if (error instanceof BusyError) return answer.error(503, error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  if (isDatabaseUnavailable(error))
    return answer.error(503, UNAVAILABLE_DETAIL, { headers: { "Retry-After": String(RETRY_AFTER_UNAVAILABLE_SECONDS) } });
  // Unexpected: the message may hold personal data or internals, so it goes to the log only (the
  // path, not the query), and the caller gets a reference to quote.
  const reference = randomUUID();
  console.error(`[route] ${request.method} ${url.pathname} failed (reference ${reference})`, error);
  return answer.error(500, `Sorry, there is a problem with the service. If you report it, give this reference: ${reference}`, {
    instance: `urn:uuid:${reference}`,
  });
}

const answerProblem: Answer = (status, detail, extra = {}) =>
  new Response(JSON.stringify(problem(status, detail, extra)), {
    status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...extra.headers },
  });

const answerText: Answer = (status, detail, extra = {}) => {
  const fields = Object.values(extra.fieldErrors ?? {}).flatMap((messages) => messages ?? []);
  const text = [detail, ...fields].join("\n");
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...extra.headers } });
};

const PROBLEM: Answers = { error: answerProblem, notFound: () => answerProblem(404, "There is nothing at this address.") };
const TEXT: Answers = { error: answerText, notFound: () => answerText(404, "Page not found") };

/** Every answer may hold case or personal data: never cached, never sniffed as another type. */
function withStandardHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
