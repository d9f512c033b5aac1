import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";

// Partnership-wide settings, with defaults when a row is missing or malformed.

export const ZRepeatVictimSetting = z.object({ threshold: z.number().int().min(2), windowMonths: z.number().int().min(1) });
export type RepeatVictimSetting = z.infer<typeof ZRepeatVictimSetting>;

export const ZCommunityTriggerSetting = z.object({
  complaints: z.number().int().min(1),
  windowMonths: z.number().int().min(1),
  reportWithinDays: z.number().int().min(1),
});
export type CommunityTriggerSetting = z.infer<typeof ZCommunityTriggerSetting>;

const DEFAULTS = {
  repeatVictim: { threshold: 3, windowMonths: 12 } satisfies RepeatVictimSetting,
  communityTrigger: { complaints: 3, windowMonths: 6, reportWithinDays: 31 } satisfies CommunityTriggerSetting,
};

async function readSetting<T>(key: string, schema: z.ZodType<T>, fallback: T, client: Tx | typeof db = db): Promise<T> {
  const row = await client.setting.findUnique({ where: { key } });
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

/** Inside a transaction, pass it: a second connection taken while one is held can wait on a full pool. */
export function getRepeatVictimSetting(client: Tx | typeof db = db): Promise<RepeatVictimSetting> {
  return readSetting("repeatVictim", ZRepeatVictimSetting, DEFAULTS.repeatVictim, client);
}

export function getCommunityTriggerSetting(): Promise<CommunityTriggerSetting> {
  return readSetting("communityTrigger", ZCommunityTriggerSetting, DEFAULTS.communityTrigger);
}
