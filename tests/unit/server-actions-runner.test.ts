import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every server action runs through the one runner (lib/form-action.ts): who is asking, what was
// posted, the one error mapping, the database away. A new action written by hand, with its own
// session check, parsing or try/catch, fails here.

const root = path.resolve(__dirname, "../..");
const RUNNERS = /\b(runFormAction|runCommand|runCall|runPublicFormAction)\s*(<[^>]*>)?\(/;

// The two that are the door itself: signing in has no one to check yet and sets the session;
// signing out ends it, even for someone who has still to set up two-factor sign-in.
const EXEMPT = new Set(["lib/auth/actions.ts#signInAction", "lib/auth/actions.ts#signOutAction"]);

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : serverActionFiles(full);
    return /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

/** Local helpers of a file that call a runner themselves (a domain's defaults for every form). */
function runnerHelpers(source: string): RegExp | null {
  const names = [...source.matchAll(/^(?:async )?function (\w+)[\s\S]*?^}/gm)].filter((m) => RUNNERS.test(m[0])).map((m) => m[1]!);
  return names.length > 0 ? new RegExp(`\\b(${names.join("|")})\\s*\\(`) : null;
}

/** Each exported function's name and body (up to the next top-level export or the end). */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/^export async function (\w+)/gm)];
  return starts.map((match, i) => ({ name: match[1]!, body: source.slice(match.index, starts[i + 1]?.index ?? source.length) }));
}

describe("server actions", () => {
  const files = [...serverActionFiles(path.join(root, "lib")), ...serverActionFiles(path.join(root, "app"))];

  it("are found", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("each runs through the one runner", () => {
    const handWritten: string[] = [];
    for (const file of files) {
      const relative = path.relative(root, file);
      const source = readFileSync(file, "utf8");
      const helpers = runnerHelpers(source);
      for (const { name, body } of exportedFunctions(source)) {
        if (EXEMPT.has(`${relative}#${name}`)) continue;
        if (
          !(RUNNERS.test(body) || helpers?.test(body)) ||
          /\brequireActor\(|\bparseWith\(|\bformValues\(formData\)/.test(body.replace(/perform:[\s\S]*/, ""))
        )
          handWritten.push(`${relative}#${name}`);
      }
    }
    expect(handWritten).toEqual([]);
  });
});
