import type { RiskLevel } from "@/lib/generated/prisma/enums";

// The SafeLives DASH risk identification checklist (24 questions) used for MARAC referrals.
// The score is the number of "yes" answers; the level is computed, never typed:
// 14 or more is high risk (visible high risk: a MARAC referral criterion), 10–13 medium, else standard.

export const DASH_QUESTIONS = [
  "Has the current incident resulted in injury?",
  "Is the victim very frightened?",
  "Is the victim afraid of further injury or violence?",
  "Does the victim feel isolated from family or friends?",
  "Is the victim feeling depressed or having suicidal thoughts?",
  "Has the victim separated or tried to separate from the abuser within the past year?",
  "Is there conflict over child contact?",
  "Does the abuser constantly text, call, contact, follow, stalk or harass the victim?",
  "Is the victim pregnant or have they had a baby in the last 18 months?",
  "Is the abuse happening more often?",
  "Is the abuse getting worse?",
  "Does the abuser try to control everything the victim does, or are they excessively jealous?",
  "Has the abuser ever used weapons or objects to hurt the victim?",
  "Has the abuser ever threatened to kill the victim or someone else, and the victim believed them?",
  "Has the abuser ever attempted to strangle, choke, suffocate or drown the victim?",
  "Does the abuser do or say things of a sexual nature that make the victim feel bad or that physically hurt them or someone else?",
  "Is there any other person who has threatened the victim or whom the victim is afraid of?",
  "Does the victim know whether the abuser has hurt anyone else (children, siblings, elderly relatives, another partner)?",
  "Has the abuser ever mistreated an animal or the family pet?",
  "Are there any financial issues (for example, the victim depends on the abuser for money, or the abuser recently lost their job)?",
  "Has the abuser had problems in the past year with drugs, alcohol or mental health leading to problems in leading a normal life?",
  "Has the abuser ever threatened or attempted suicide?",
  "Has the abuser ever broken bail, an injunction or a formal agreement about when they can see the victim or the children?",
  "Does the victim know whether the abuser has ever been in trouble with the police or has a criminal history?",
] as const;

export const DASH_HIGH_RISK_THRESHOLD = 14;
export const DASH_MEDIUM_RISK_THRESHOLD = 10;

/** Answers keyed q1…q24; a missing answer counts as "no" (not known is not yes). */
export type DashAnswers = Partial<Record<`q${number}`, boolean>>;

export function scoreDash(answers: DashAnswers): { score: number; level: RiskLevel } {
  let score = 0;
  for (let i = 1; i <= DASH_QUESTIONS.length; i++) if (answers[`q${i}`] === true) score += 1;
  const level: RiskLevel = score >= DASH_HIGH_RISK_THRESHOLD ? "HIGH" : score >= DASH_MEDIUM_RISK_THRESHOLD ? "MEDIUM" : "STANDARD";
  return { score, level };
}

/** The questions in readable groups for the form and the record (question numbers, 1-based, as on the checklist). */
export const DASH_SECTIONS: readonly { title: string; questions: readonly number[] }[] = [
  { title: "The current incident and how the victim feels", questions: [1, 2, 3, 4, 5] },
  { title: "Separation, children, stalking and pregnancy", questions: [6, 7, 8, 9] },
  { title: "The pattern of abuse", questions: [10, 11, 12, 13, 14, 15, 16, 17] },
  { title: "The abuser", questions: [18, 19, 20, 21, 22, 23, 24] },
];
