import type { RiskAssessmentKind } from "@/lib/generated/prisma/enums";

// Plain English for the risk assessment kinds and answers. Pure: pages, client forms and exports.

export const RISK_ASSESSMENT_KIND_LABELS: Record<RiskAssessmentKind, string> = {
  DASH: "DASH risk checklist",
  ASB_MATRIX: "ASB victim risk matrix",
};

export const DASH_ANSWER_LABELS = { yes: "Yes", no: "No", unknown: "Not known" } as const;
export type DashAnswer = keyof typeof DASH_ANSWER_LABELS;

/** How a score reads: "14 yes answers of 24", "harm 4 × likelihood 4 = 16". */
export function scoreWords(kind: RiskAssessmentKind, score: number, answers?: { harm?: number; likelihood?: number }): string {
  if (kind === "DASH") return `${score} “yes” ${score === 1 ? "answer" : "answers"} of 24`;
  return answers?.harm && answers.likelihood ? `${score} (harm ${answers.harm} × likelihood ${answers.likelihood})` : String(score);
}
