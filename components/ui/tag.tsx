import type { ReactNode } from "react";
import type { RiskLevel } from "@/lib/generated/prisma/enums";
import { cx } from "./class-names";

import type { TagColour } from "@/lib/tag-colours";

export type { TagColour };

const TAG_COLOUR_CLASSES: Record<TagColour, string> = {
  grey: "text-tag-grey bg-tag-grey-bg",
  blue: "text-tag-blue bg-tag-blue-bg",
  green: "text-tag-green bg-tag-green-bg",
  red: "text-tag-red bg-tag-red-bg",
  orange: "text-tag-orange bg-tag-orange-bg",
  yellow: "text-tag-yellow bg-tag-yellow-bg",
  purple: "text-tag-purple bg-tag-purple-bg",
  turquoise: "text-tag-turquoise bg-tag-turquoise-bg",
  pink: "text-tag-pink bg-tag-pink-bg",
};

// app/globals.css: the box, and an outline that shows in forced-colours mode.
const TAG_BASE = "tag-box";

/** A short status label: colour plus text, never colour alone. */
export function Tag({ colour = "blue", children, className }: { colour?: TagColour; children: ReactNode; className?: string }) {
  return <strong className={cx(TAG_BASE, "font-normal", TAG_COLOUR_CLASSES[colour], className)}>{children}</strong>;
}

export const RISK_LABELS: Record<RiskLevel, string> = {
  HIGH: "High risk",
  MEDIUM: "Medium risk",
  STANDARD: "Standard risk",
};

const RISK_CLASSES: Record<RiskLevel, string> = {
  // Solid colours so risk reads at a glance on a projected screen; the text says it too.
  HIGH: "bg-risk-high-bg text-white font-bold",
  MEDIUM: "bg-risk-medium-bg text-ink font-bold",
  STANDARD: "text-tag-blue bg-tag-blue-bg font-normal",
};

/** Risk level as a tag: HIGH red, MEDIUM orange, STANDARD blue; the label is always written out. */
export function RiskTag({ level, label, className }: { level: RiskLevel; label?: string; className?: string }) {
  return <strong className={cx(TAG_BASE, RISK_CLASSES[level], className)}>{label ?? RISK_LABELS[level]}</strong>;
}
