import Link from "next/link";
import { RiskTag, Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/format/dates";
import { RISK_ASSESSMENT_KIND_LABELS } from "@/lib/risk/labels";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import type { PackAction, PackItem } from "@/lib/meetings/data";
import { AgendaReasonTag } from "./meeting-tags";

// One case as the panel sees it before and during the meeting: summary, latest risk, the referral
// and the open actions. Shared by the pre-meeting pack, meeting mode and the presentation. No
// server-only imports.

const GROUND_LABELS: Record<string, string> = {
  VISIBLE_HIGH_RISK: "Visible high risk",
  PROFESSIONAL_JUDGEMENT: "Professional judgement",
  POTENTIAL_ESCALATION: "Potential escalation",
  REPEAT: "Repeat",
};

/** The actions on a case, one line each; `className` sets the type (the presentation's is larger). */
export function ActionsList({ actions, empty, className = "body-m" }: { actions: PackAction[]; empty: string; className?: string }) {
  if (actions.length === 0) return <p className={className}>{empty}</p>;
  return (
    <ul className={`${className} pl-5 list-disc`}>
      {actions.map((a) => (
        <li key={a.id} className="mb-1">
          <strong>{a.organisation.shortName}</strong>: {a.title}. Due {formatDate(a.dueDate)}. {ACTION_STATUS_LABELS[a.status]}
          {a.overdue ? (
            <>
              {" "}
              <Tag colour="red">Overdue</Tag>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The case's latest risk assessment in words: its kind, score, level and date. */
export function latestRiskText(risk: PackItem["latestRisk"]): string {
  return risk
    ? `${RISK_ASSESSMENT_KIND_LABELS[risk.kind]}: score ${risk.score}, ${risk.level.toLowerCase()} risk, on ${formatDate(risk.assessedAt)}`
    : "No risk assessment recorded.";
}

export function PackItemDetails({ item, headingLevel = 2, headingId }: { item: PackItem; headingLevel?: 2 | 3; headingId?: string }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <>
      <Heading id={headingId} tabIndex={-1} className="heading-m mb-2 focus:outline-none focus-visible:outline-3">
        {item.position}. {item.case.reference}: {item.case.title}
      </Heading>
      <p className="body-s flex flex-wrap gap-2 items-center mb-4">
        <AgendaReasonTag reason={item.reason} />
        <RiskTag level={item.case.riskLevel} />
        <span>Led by {item.case.leadOrganisation.name}</span>
        <Link href={`/cases/${item.case.id}`} className="link-no-visited print:hidden">
          Open the case<span className="sr-only"> {item.case.reference}</span>
        </Link>
      </p>
      <Sub className="heading-s mb-1">Summary</Sub>
      <p className="body-m whitespace-pre-line">{item.case.summary ?? "No summary recorded."}</p>
      <Sub className="heading-s mb-1">Latest risk assessment</Sub>
      <p className="body-m">{latestRiskText(item.latestRisk)}</p>
      {item.referralDetail ? (
        <>
          <Sub className="heading-s mb-1">Referral {item.referralDetail.reference}</Sub>
          <p className="body-m">
            From {item.referralDetail.referringOrganisation} on {formatDate(item.referralDetail.referredAt)}
            {item.referralDetail.grounds.length > 0
              ? `. Grounds: ${item.referralDetail.grounds.map((g) => GROUND_LABELS[g] ?? g).join(", ")}`
              : ""}
            {item.referralDetail.isRepeat ? ". Repeat referral" : ""}.
          </p>
          <p className="body-m whitespace-pre-line">{item.referralDetail.reason}</p>
        </>
      ) : null}
      <Sub className="heading-s mb-1">Open actions</Sub>
      <ActionsList actions={item.openActions} empty="No open actions." />
    </>
  );
}
