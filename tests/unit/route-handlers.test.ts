import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route handler runs through the one wrapper (lib/http/route.ts), which checks the session
// and the permission, audits refusals and maps errors to statuses. A handler written by hand would
// have to remember all of that; this fails, naming the file, as soon as one exists.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir = path.join(ROOT, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** What is wrong with a route file's source; empty when every method is made by route(…). */
function problemsOf(source: string): string[] {
  const problems: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const wrapped = new Set<string>();
  for (const match of code.matchAll(
    /\bexport\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)\s*(=\s*([\w$.]+)\s*(?:<[^>]*>)?\s*\()?/g,
  )) {
    const [, name, , callee] = match;
    if (!METHODS.includes(name!)) continue;
    if (callee === "route") wrapped.add(name!);
    else problems.push(`${name} is not made by route(…) from lib/http/route`);
  }
  for (const match of code.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const exported = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (exported && METHODS.includes(exported)) problems.push(`${exported} is re-exported, not made by route(…) here`);
    }
  }
  if (/\bexport\s*\*/.test(code)) problems.push("export * can export a method that is not wrapped");
  if (wrapped.size === 0 && problems.length === 0) problems.push("no method made by route(…)");
  if (wrapped.size > 0 && !/import\s*\{[^}]*\broute\b[^}]*\}\s*from\s*["']@\/lib\/http\/route["']/.test(code))
    problems.push("route is not imported from @/lib/http/route");
  // The wrapper resolves the actor; a handler that does it again has its own idea of who is asking.
  for (const call of [
    "getActor",
    "getActorPendingTwoFactor",
    "requireActor",
    "requirePermission",
    "getServerSession",
    "readSessionCookie",
    "resolveSession",
  ]) {
    if (new RegExp(`\\b${call}\\s*\\(`).test(code)) problems.push(`calls ${call}() itself`);
  }
  if (/from\s*["']@\/lib\/auth\/session["']/.test(code)) problems.push("imports lib/auth/session");
  return problems;
}

describe("every route handler runs through the one wrapper", () => {
  it("each exported method of each app/**/route.ts is made by route(…), and none reads the session itself", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(5);
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const problems = problemsOf(readFileSync(file, "utf8"));
      if (problems.length > 0) found[path.relative(ROOT, file)] = problems;
    }
    expect(found, "route handlers that bypass lib/http/route.ts").toEqual({});
  });

  it("the check itself catches a handler written by hand, a re-export and a session read inside the wrapper", () => {
    const ok = `import { route } from "@/lib/http/route";\nexport const dynamic = "force-dynamic";\nexport const GET = route({ signedOut: "401" }, async () => Response.json({}));`;
    expect(problemsOf(ok)).toEqual([]);
    expect(problemsOf(`export async function GET() { return new Response("hi"); }`)).toEqual([
      "GET is not made by route(…) from lib/http/route",
    ]);
    expect(
      problemsOf(
        `import { route } from "@/lib/http/route";\nexport const POST = async () => new Response();\nexport const GET = route({ signedOut: "public" }, async () => new Response());`,
      ),
    ).toEqual(["POST is not made by route(…) from lib/http/route"]);
    expect(problemsOf(`import { handler } from "./x";\nexport { handler as POST };`)).toContain(
      "POST is re-exported, not made by route(…) here",
    );
    expect(problemsOf(`export * from "./elsewhere";`)).toContain("export * can export a method that is not wrapped");
    expect(problemsOf(`${ok}\nconst who = await getActor();`)).toEqual(["calls getActor() itself"]);
    expect(
      problemsOf(`import { route } from "./my-route";\nexport const GET = route({ signedOut: "401" }, async () => new Response());`),
    ).toEqual(["route is not imported from @/lib/http/route"]);
    expect(problemsOf(`export const dynamic = "force-dynamic";`)).toEqual(["no method made by route(…)"]);
  });
});
