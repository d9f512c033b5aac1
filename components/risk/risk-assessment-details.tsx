import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { RiskTag, Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/lib/format/dates";
import { ASB_HARM_LEVELS, ASB_LIKELIHOOD_LEVELS } from "@/lib/risk/asb-matrix";
import { DASH_SECTIONS } from "@/lib/risk/dash";
import type { RiskAssessmentDetail } from "@/lib/risk/data";
import { DASH_ANSWER_LABELS } from "@/lib/risk/labels";

// One recorded assessment as it was given: never changed afterwards (a new assessment is recorded instead).

const levelLabel = (levels: readonly { value: number; label: string }[], value: number) =>
  `${value} – ${levels.find((l) => l.value === value)?.label ?? ""}`;

export function RiskAssessmentDetails({
  caseId,
  reference,
  assessment: a,
  title,
}: {
  caseId: string;
  reference: string;
  assessment: RiskAssessmentDetail;
  title: string;
}) {
  return (
    <>
      <PageHeading caption={`Case ${reference}`}>{title}</PageHeading>
      <SummaryList
        className="max-w-[48rem]"
        rows={[
          { key: "Assessed", value: `${formatDateTime(a.assessedAt)} by ${a.assessedBy}, ${a.organisation.name}` },
          { key: "Victim", value: a.person ? <Link href={`/people/${a.person.id}`}>{a.person.name}</Link> : "Not named" },
          { key: "Score", value: a.scoreText },
          { key: "Level", value: <RiskTag level={a.level} /> },
          { key: "Notes", value: a.notes ? <p className="whitespace-pre-line">{a.notes}</p> : "None" },
        ]}
      />
      {a.kind === "DASH" ? (
        DASH_SECTIONS.map((section) => (
          <section key={section.title} aria-labelledby={`dash-${section.questions[0]}-heading`} className="max-w-[48rem]">
            <h2 id={`dash-${section.questions[0]}-heading`} className="heading-m mb-4">
              {section.title}
            </h2>
            <SummaryList
              rows={section.questions.map((n) => {
                const answer = a.dash[n - 1]!;
                return {
                  key: `${n}. ${answer.question}`,
                  value: answer.answer === "yes" ? <Tag colour="red">{DASH_ANSWER_LABELS.yes}</Tag> : DASH_ANSWER_LABELS[answer.answer],
                };
              })}
            />
          </section>
        ))
      ) : a.matrix ? (
        <SummaryList
          className="max-w-[48rem]"
          rows={[
            { key: "Harm to the victim", value: levelLabel(ASB_HARM_LEVELS, a.matrix.harm) },
            { key: "Likelihood it continues", value: levelLabel(ASB_LIKELIHOOD_LEVELS, a.matrix.likelihood) },
          ]}
        />
      ) : null}
      <p className="body-m">
        <Link href={`/cases/${caseId}/risk`}>All risk assessments on this case</Link>
      </p>
    </>
  );
}
