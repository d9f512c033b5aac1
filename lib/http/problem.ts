// RFC 9457 problem details: the one shape of every JSON error the service answers (lib/http/route.ts,
// and the HTTP layer's "unavailable" in lib/http/server.ts). No Next.js or server-only imports:
// the HTTP layer runs outside the app's bundle.

import type { FieldErrors } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One field's error, as in RFC 9457's own example: a JSON Pointer into the request body. */
export type FieldProblem = { detail: string; pointer: string };

export type Problem = {
  /** Always "about:blank": the status says what went wrong; `detail` says it in plain words. */
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  /** An unexpected error's reference, as logged on the server. */
  instance?: string;
  errors?: FieldProblem[];
};

// The HTTP status phrases (RFC 9110), which RFC 9457 asks for as the title of "about:blank".
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  412: "Precondition Failed",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const UNAVAILABLE_DETAIL = "The service is temporarily unavailable. Try again in a few minutes.";

export function problem(status: number, detail: string, extra: { instance?: string; fieldErrors?: FieldErrors } = {}): Problem {
  const answer: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
  if (extra.instance) answer.instance = extra.instance;
  if (extra.fieldErrors) answer.errors = fieldProblems(extra.fieldErrors);
  return answer;
}

/** `{ "people.0.personId": ["…"] }` as `[{ pointer: "#/people/0/personId", detail: "…" }]`; "form" is the whole body. */
export function fieldProblems(fieldErrors: FieldErrors): FieldProblem[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) => {
    const pointer =
      field === "form"
        ? "#"
        : `#/${field
            .split(".")
            .map((key) => key.replaceAll("~", "~0").replaceAll("/", "~1"))
            .join("/")}`;
    return (messages ?? []).map((detail) => ({ detail, pointer }));
  });
}
