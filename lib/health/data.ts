import "server-only";
import { db } from "@/lib/db";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unavailable" };

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok" };
  } catch {
    // The reason (host, credentials) is configuration: logged, never returned.
    console.error("health: database check failed");
    return { status: "unavailable", database: "unavailable" };
  }
}
