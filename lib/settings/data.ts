import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";

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

async function readSetting<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await db.setting.findUnique({ where: { key } });
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

export function getRepeatVictimSetting(): Promise<RepeatVictimSetting> {
  return readSetting("repeatVictim", ZRepeatVictimSetting, DEFAULTS.repeatVictim);
}

export function getCommunityTriggerSetting(): Promise<CommunityTriggerSetting> {
  return readSetting("communityTrigger", ZCommunityTriggerSetting, DEFAULTS.communityTrigger);
}
