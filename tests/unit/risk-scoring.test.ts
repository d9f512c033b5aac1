import { describe, expect, it } from "vitest";
import { DASH_QUESTIONS, scoreDash, type DashAnswers } from "@/lib/risk/dash";
import { scoreAsbMatrix } from "@/lib/risk/asb-matrix";

function yesTo(count: number): DashAnswers {
  const answers: DashAnswers = {};
  for (let i = 1; i <= DASH_QUESTIONS.length; i++) answers[`q${i}`] = i <= count;
  return answers;
}

describe("DASH risk checklist", () => {
  it("has the 24 questions of the SafeLives checklist", () => {
    expect(DASH_QUESTIONS).toHaveLength(24);
  });

  it.each([
    [0, "STANDARD"],
    [1, "STANDARD"],
    [9, "STANDARD"],
    [10, "MEDIUM"],
    [13, "MEDIUM"],
    [14, "HIGH"],
    [24, "HIGH"],
  ] as const)("%i yes answers is %s risk", (yes, level) => {
    expect(scoreDash(yesTo(yes))).toEqual({ score: yes, level });
  });

  it("counts only explicit yes answers: unanswered and unknown questions are not yes", () => {
    expect(scoreDash({ q1: true, q2: false, q99: true } as DashAnswers)).toEqual({ score: 1, level: "STANDARD" });
  });
});

describe("ASB victim risk matrix", () => {
  it.each([
    [1, 1, 1, "STANDARD"],
    [2, 3, 6, "STANDARD"],
    [2, 4, 8, "MEDIUM"],
    [3, 4, 12, "MEDIUM"],
    [3, 5, 15, "HIGH"],
    [5, 5, 25, "HIGH"],
  ] as const)("harm %i × likelihood %i scores %i, %s risk", (harm, likelihood, score, level) => {
    expect(scoreAsbMatrix({ harm, likelihood })).toEqual({ score, level });
  });

  it("refuses answers outside the 1–5 scale rather than guessing", () => {
    expect(() => scoreAsbMatrix({ harm: 0, likelihood: 3 })).toThrow(RangeError);
    expect(() => scoreAsbMatrix({ harm: 2.5, likelihood: 3 })).toThrow(RangeError);
  });
});
