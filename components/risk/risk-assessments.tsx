import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Table, type TableListProps } from "@/components/ui/table";
import { RiskTag, RISK_LABELS } from "@/components/ui/tag";
import { SectionActions } from "@/components/cases/case-section";
import { formatDateTime } from "@/lib/format/dates";
import type { CaseKind, RiskLevel } from "@/lib/generated/prisma/enums";
import type { RiskAssessmentRow } from "@/lib/risk/data";
import { RISK_ASSESSMENT_KIND_LABELS } from "@/lib/risk/labels";

// The pieces of the case's risk section and risk page: what the case's risk level rests on, the
// ways to assess, and the history of assessments.

/** The case's risk level and where it comes from: the latest assessment, unless it was changed by hand since. */
export function RiskLevelStatement({ riskLevel, latest }: { riskLevel: RiskLevel; latest: RiskAssessmentRow | undefined }) {
  return (
    <div className="mb-6 body-m">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-2 mb-2">
        <span>The case’s risk level is</span> <RiskTag level={riskLevel} />
      </p>
      {!latest ? (
        <p>
          No risk assessment has been recorded yet, so the risk level is the one chosen when the case was opened or last changed. Once an
          assessment is recorded, the case takes its level.
        </p>
      ) : latest.level === riskLevel ? (
        <p>
          It is the level of the latest assessment: a {RISK_ASSESSMENT_KIND_LABELS[latest.kind]} on {formatDateTime(latest.assessedAt)} by{" "}
          {latest.assessedBy}, {latest.organisation.shortName}. The latest assessment, by the day it was carried out, sets the case’s risk
          level.
        </p>
      ) : (
        <p>
          The latest assessment ({RISK_ASSESSMENT_KIND_LABELS[latest.kind]}, {formatDateTime(latest.assessedAt)}) found{" "}
          {RISK_LABELS[latest.level].toLowerCase()}; the risk level has been changed by hand since. The latest assessment, by the day it was
          carried out, sets the case’s risk level.
        </p>
      )}
    </div>
  );
}

/** "Complete a DASH checklist" first on a MARAC case; the ASB matrix first on any other. */
export function AssessRiskButtons({ caseId, kind }: { caseId: string; kind: CaseKind }) {
  const dash = (
    <Button key="dash" href={`/cases/${caseId}/risk/dash`} variant="secondary">
      Complete a DASH checklist
    </Button>
  );
  const matrix = (
    <Button key="matrix" href={`/cases/${caseId}/risk/matrix`} variant="secondary">
      Assess with the ASB risk matrix
    </Button>
  );
  return <SectionActions>{kind === "MARAC" ? [dash, matrix] : [matrix, dash]}</SectionActions>;
}

export function RiskAssessmentTable({
  caseId,
  ...list
}: { caseId: string } & Pick<TableListProps<RiskAssessmentRow>, "rows" | "caption" | "captionHidden">) {
  return (
    <Table
      {...list}
      rowKey={(r) => r.id}
      emptyMessage="No risk assessments have been recorded for this case."
      columns={[
        {
          key: "when",
          header: "Assessed",
          rowHeader: true,
          className: "whitespace-nowrap",
          cell: (r) => (
            <Link href={`/cases/${caseId}/risk/${r.id}`}>
              {formatDateTime(r.assessedAt)}
              <span className="sr-only"> ({RISK_ASSESSMENT_KIND_LABELS[r.kind]}, see the answers)</span>
            </Link>
          ),
        },
        { key: "kind", header: "Assessment", cell: (r) => RISK_ASSESSMENT_KIND_LABELS[r.kind] },
        { key: "person", header: "Victim", cell: (r) => r.person?.name ?? <span className="text-ink-secondary">Not named</span> },
        { key: "score", header: "Score", cell: (r) => r.scoreText },
        { key: "level", header: "Level", cell: (r) => <RiskTag level={r.level} /> },
        {
          key: "by",
          header: "By",
          cell: (r) => (
            <>
              {r.assessedBy}, <abbr title={r.organisation.name}>{r.organisation.shortName}</abbr>
            </>
          ),
        },
      ]}
    />
  );
}
