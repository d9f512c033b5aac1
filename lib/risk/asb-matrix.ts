import type { RiskLevel } from "@/lib/generated/prisma/enums";

// The ASB victim risk matrix: the harm the behaviour causes the victim and the likelihood that it
// continues, each scored 1–5; the score is harm × likelihood. 15 or more is high risk, 8–14
// medium, below 8 standard. (The demo seed stores answers in this same shape.)

export const ASB_HARM_LEVELS = [
  { value: 1, label: "Minimal: an annoyance with no effect on daily life" },
  { value: 2, label: "Minor: some distress, daily life largely unaffected" },
  { value: 3, label: "Moderate: distress, changes to routine, feeling unsafe at times" },
  { value: 4, label: "Serious: fear, health affected, avoiding home or area" },
  { value: 5, label: "Severe: risk to safety, health or home; feels unable to cope" },
] as const;

export const ASB_LIKELIHOOD_LEVELS = [
  { value: 1, label: "Rare: a one-off" },
  { value: 2, label: "Unlikely: has happened before, not recently" },
  { value: 3, label: "Possible: happens from time to time" },
  { value: 4, label: "Likely: happens regularly" },
  { value: 5, label: "Almost certain: happening now and continuing" },
] as const;

export type AsbMatrixAnswers = { harm: number; likelihood: number };

export function scoreAsbMatrix({ harm, likelihood }: AsbMatrixAnswers): { score: number; level: RiskLevel } {
  if (![harm, likelihood].every((v) => Number.isInteger(v) && v >= 1 && v <= 5)) {
    throw new RangeError("harm and likelihood must each be a whole number from 1 to 5");
  }
  const score = harm * likelihood;
  const level: RiskLevel = score >= 15 ? "HIGH" : score >= 8 ? "MEDIUM" : "STANDARD";
  return { score, level };
}
