import type { CommunityTriggerSetting } from "@/lib/settings/data";

// The Community Trigger (ASB case review, s.104 ASB, Crime and Policing Act 2014) threshold. By
// default: three complaints about the same problem in the six months before the application,
// each made within a month of the incident complained about. The local threshold is a setting.

export type Complaint = { id: string; incidentDate: Date; complaintDate: Date; problem: string };

export type ThresholdCheck = {
  met: boolean;
  /** Complaints that count towards the threshold, for the problem with the most. */
  qualifying: string[];
  /** Why each other complaint did not count, in plain words. */
  excluded: { id: string; reason: string }[];
};

const DAY = 24 * 60 * 60 * 1000;

function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Same problem, however it was typed: case, spacing and punctuation do not matter. */
function problemKey(problem: string): string {
  return problem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function checkThreshold(applicationDate: Date, complaints: readonly Complaint[], setting: CommunityTriggerSetting): ThresholdCheck {
  const windowStart = monthsBefore(applicationDate, setting.windowMonths);
  const excluded: ThresholdCheck["excluded"] = [];
  const byProblem = new Map<string, string[]>();

  for (const c of complaints) {
    const delayDays = Math.round((c.complaintDate.getTime() - c.incidentDate.getTime()) / DAY);
    if (c.complaintDate > applicationDate) excluded.push({ id: c.id, reason: "made after the application" });
    else if (c.complaintDate <= windowStart)
      excluded.push({ id: c.id, reason: `made more than ${setting.windowMonths} months before the application` });
    else if (delayDays < 0) excluded.push({ id: c.id, reason: "complaint dated before the incident" });
    else if (delayDays > setting.reportWithinDays)
      excluded.push({ id: c.id, reason: `not made within ${setting.reportWithinDays} days of the incident` });
    else {
      const key = problemKey(c.problem);
      byProblem.set(key, [...(byProblem.get(key) ?? []), c.id]);
    }
  }

  let qualifying: string[] = [];
  for (const ids of byProblem.values()) if (ids.length > qualifying.length) qualifying = ids;
  for (const ids of byProblem.values()) {
    if (ids !== qualifying) for (const id of ids) excluded.push({ id, reason: "about a different problem" });
  }
  return { met: qualifying.length >= setting.complaints, qualifying, excluded };
}
