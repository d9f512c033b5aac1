import Link from "next/link";
import { SummaryList, type SummaryListAction } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { WarningText } from "@/components/ui/warning-text";
import { formatDate } from "@/lib/format/dates";
import type { CommunityTriggerView } from "@/lib/community-trigger/data";

// The Community Trigger's fields as a summary list (the case page and the Community Trigger page),
// and what the threshold check found.

export function ThresholdTag({ met }: { met: boolean }) {
  return met ? <Tag colour="green">Threshold met</Tag> : <Tag colour="grey">Threshold not met</Tag>;
}

function reviewWords(t: CommunityTriggerView): string {
  if (t.reviewCarriedOut) return t.reviewDate ? `Carried out on ${formatDate(t.reviewDate)}` : "Carried out";
  return t.reviewDate ? `Not carried out yet: planned for ${formatDate(t.reviewDate)}` : "Not carried out yet";
}

export function TriggerSummaryList({
  caseId,
  trigger: t,
  mayChange,
}: {
  caseId: string;
  trigger: CommunityTriggerView;
  mayChange: boolean;
}) {
  const change = (anchor: string, what: string): SummaryListAction | undefined =>
    mayChange ? { href: `/cases/${caseId}/community-trigger/edit#${anchor}`, visuallyHiddenText: what } : undefined;
  const { counted, setting } = t.threshold;
  return (
    <SummaryList
      rows={[
        { key: "Date of application", value: formatDate(t.applicationDate), action: change("applicationDate-day", "date of application") },
        {
          key: "Applicant",
          value: t.applicant.person ? <Link href={`/people/${t.applicant.person.id}`}>{t.applicant.name}</Link> : t.applicant.name,
          action: change("applicant", "applicant"),
        },
        {
          key: "Threshold",
          value: (
            <>
              <ThresholdTag met={t.thresholdMet} />{" "}
              <span className="block mt-2">
                {counted} of {setting.complaints} qualifying {setting.complaints === 1 ? "complaint" : "complaints"}
              </span>
            </>
          ),
        },
        { key: "Case review", value: reviewWords(t), action: change("reviewCarriedOut", "case review") },
        {
          key: "Recommendations",
          value: t.recommendations ? <p className="whitespace-pre-line">{t.recommendations}</p> : "None recorded",
          action: change("recommendations", "recommendations"),
        },
        {
          key: "Escalation asked for",
          value: t.escalationRequested ? "Yes" : "No",
          action: change("escalationRequested", "whether escalation was asked for"),
        },
        ...(t.escalationRequested
          ? [
              {
                key: "Outcome of the escalation",
                value: t.escalationOutcome ? <p className="whitespace-pre-line">{t.escalationOutcome}</p> : "Not recorded yet",
                action: change("escalationOutcome", "outcome of the escalation"),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The partnership's threshold in words, and a warning when the stored result no longer matches it. */
export function ThresholdExplanation({ trigger: t }: { trigger: CommunityTriggerView }) {
  const { setting, met } = t.threshold;
  return (
    <>
      <p className="body-m">
        The partnership’s threshold is {setting.complaints} {setting.complaints === 1 ? "complaint" : "complaints"} about the same problem
        in the {setting.windowMonths} months before the application, each made within {setting.reportWithinDays} days of the incident.
        Whether it is met is worked out from the complaints below each time the application or its complaints change.
      </p>
      {met !== t.thresholdMet ? (
        <WarningText>
          The threshold was recorded as {t.thresholdMet ? "met" : "not met"}, but under the partnership’s threshold now it is{" "}
          {met ? "met" : "not met"}. Save the application again to record the check under today’s threshold.
        </WarningText>
      ) : null}
    </>
  );
}
