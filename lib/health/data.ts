import "server-only";
import { db } from "@/lib/db";
import { isDatabaseUnavailable, markDatabaseUnavailable } from "@/lib/database-status";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unavailable" };

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok" };
  } catch (error) {
    // The reason (host, credentials) is configuration: logged, never returned.
    console.error("health: database check failed");
    if (isDatabaseUnavailable(error)) markDatabaseUnavailable();
    return { status: "unavailable", database: "unavailable" };
  }
}
