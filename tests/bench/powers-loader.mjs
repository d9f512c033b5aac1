// For `npm run bench:powers`: the benchmark calls the returns' data layer in plain Node, where the
// "server-only" guard (which throws outside a React Server Components bundle) has nothing to guard.
// This resolve hook maps it to an empty module, as the Vitest config does for the tests.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
