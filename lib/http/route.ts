import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { Actor } from "@/lib/auth/actor-type";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { can, type Permission } from "@/lib/auth/permissions";
import { refuseWith } from "@/lib/auth/refuse";
import { getActor } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/database-status";
import {
  BadRequestError,
  BusyError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionError,
  ValidationError,
  type FieldErrors,
} from "@/lib/errors";
import { PROBLEM_CONTENT_TYPE, problem, UNAVAILABLE_DETAIL } from "@/lib/http/problem";
import { readJsonObject } from "@/lib/json-request";
import { auditApiCall, authenticateApiCall, claimIdempotencyKey, countApiCall, type ApiCaller } from "@/lib/api/clients/data";
import { SCOPE_PERMISSION, type ApiScope } from "@/lib/api/clients/scopes";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { auditPermissionRefusal } from "@/lib/audit/data";
import { createHash } from "node:crypto";

// The one way a route handler runs (app/**/route.ts; tests/unit/route-handlers.test.ts fails for
// one that does not): who is asking, whether their role may use the route, the JSON body, and
// every error turned into a status in one place. The handler only turns the data layer's answer
// into HTTP.
//
// Errors: an API called by a script answers RFC 9457 problem details; a download opened by a
// link (signedOut: "redirect") answers the same statuses as plain text a browser can show.

export type RouteOptions = SignedInRoute | PublicRoute | ApiClientRoute;

type SignedInRoute = Common & {
  /** A signed-out visitor: "redirect" (a page or download opened by a link) → 303 to sign-in; "401" (an API). */
  signedOut: "redirect" | "401";
  /** Without it the route answers 404, as if it did not exist, and the refusal is audited. */
  permission?: Permission;
};

/** No session is read: the health check must answer while the database is away. */
type PublicRoute = Common & { signedOut: "public"; permission?: never };

/**
 * The partner API (/api/v1): no session; an API client's bearer token (lib/api/clients). The call is
 * refused 401 without a valid token, 429 past the client's rate limit, 403 outside its scopes, and
 * audited under the client's name whatever the answer.
 */
type ApiClientRoute = Common & {
  signedOut: "api-client";
  scope: ApiScope;
  /** A create: the Idempotency-Key header is required, and a retry makes no second record. */
  idempotent?: boolean;
  permission?: never;
};

type Common = {
  /** The dynamic segments the handler reads, e.g. ["id"] for app/api/meetings/[id]/…; a missing one is a 404. */
  params?: readonly string[];
  /** Read a JSON object body: application/json only (415), at most maxBytes (413), parsed (400) and cleaned. */
  body?: { json: true; maxBytes: number };
};

export type RouteContext<O extends RouteOptions> = {
  actor: O extends { signedOut: "public" } ? null : Actor;
  /** The API client and, on a create, the submission key its Idempotency-Key stands for (lib/submissions). */
  api: O extends { signedOut: "api-client" } ? ApiCall : null;
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

export type ApiCall = { caller: ApiCaller; submissionKey: string };

const RETRY_AFTER_UNAVAILABLE_SECONDS = 30;

export function route<const O extends RouteOptions>(options: O, handler: (context: RouteContext<O>) => Promise<Response>): RouteHandler {
  const answer = options.signedOut === "redirect" ? TEXT : PROBLEM;
  return async (request, context) => {
    const url = new URL(request.url);
    const call: { caller?: ApiCaller } = {};
    let response: Response;
    try {
      response = await run(
        options,
        request,
        url,
        context?.params,
        answer,
        handler as (context: RouteContext<RouteOptions>) => Promise<Response>,
        call,
      );
    } catch (error) {
      response = answerError(error, request, url, answer);
    }
    if (call.caller) {
      // Every call a client makes is in the audit trail under its name, refused or not.
      await auditApiCall(
        call.caller,
        { method: request.method, path: url.pathname, status: response.status },
        clientAddress(request),
      ).catch((error: unknown) => {
        console.error(`[route] the audit of an API call to ${url.pathname} failed`, error);
        response = answer.error(503, UNAVAILABLE_DETAIL, { headers: { "Retry-After": String(RETRY_AFTER_UNAVAILABLE_SECONDS) } });
      });
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
  call: { caller?: ApiCaller },
): Promise<Response> {
  let actor: Actor | null = null;
  if (options.signedOut === "api-client") {
    const address = clientAddress(request);
    const authenticated = await authenticateApiCall(request.headers.get("authorization"), address);
    if (!authenticated.ok)
      return answer.error(
        401,
        "Send a valid API token as Authorization: Bearer <token>. This token is unknown, revoked or expired, or not accepted from this address.",
        {
          headers: { "WWW-Authenticate": 'Bearer realm="safer-partnerships"' },
        },
      );
    const { caller } = authenticated;
    call.caller = caller;
    const retryAfter = await countApiCall(caller);
    if (retryAfter !== null)
      return answer.error(
        429,
        `This API client may make ${caller.rateLimitPerMinute} calls a minute. Try again after ${retryAfter} seconds.`,
        {
          headers: { "Retry-After": String(retryAfter) },
        },
      );
    if (!caller.scopes.includes(options.scope) || !can(caller.actor, SCOPE_PERMISSION[options.scope])) {
      await auditPermissionRefusal(caller.actor, `api:${options.scope}`, url.pathname);
      return answer.error(403, `This API client may not do this: it needs the scope ${options.scope}.`);
    }
    actor = caller.actor;
  } else if (options.signedOut !== "public") {
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

  let api: ApiCall | null = null;
  if (options.signedOut === "api-client" && call.caller) {
    let submissionKey = "";
    if (options.idempotent) {
      const key = request.headers.get("idempotency-key")?.trim() ?? "";
      if (!IDEMPOTENCY_KEY.test(key))
        return answer.error(
          400,
          "Send an Idempotency-Key header (1 to 255 visible characters, new for each record you create; the same on a retry).",
        );
      const requestHash = createHash("sha256")
        .update(`${request.method} ${url.pathname}\u0000${JSON.stringify(body ?? null)}`)
        .digest("hex");
      const claimed = await claimIdempotencyKey(call.caller.clientId, key, requestHash);
      if (claimed === "different")
        return answer.error(422, "This Idempotency-Key was already used for a different request. Use a new key for a new record.");
      submissionKey = submissionKeyFor(call.caller.clientId, key);
    }
    api = { caller: call.caller, submissionKey };
  }

  return handler({ actor, api, request, url, params, body } as RouteContext<RouteOptions>);
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The client's Idempotency-Key as the UUID lib/submissions claims (a name-based UUID, version 8). */
function submissionKeyFor(clientId: string, key: string): string {
  const hex = createHash("sha256").update(`${clientId}\u0000${key}`).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function clientAddress(request: Request): string | null {
  return request.headers.get(CLIENT_ADDRESS_HEADER);
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
  if (error instanceof PreconditionError) return answer.error(error.status, error.message);
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
