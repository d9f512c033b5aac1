import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health/data";

export const dynamic = "force-dynamic";

export const GET = route({ signedOut: "public" }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
});
