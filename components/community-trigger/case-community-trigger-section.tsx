import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SectionActions } from "@/components/cases/case-section";
import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { getCommunityTrigger } from "@/lib/community-trigger/data";
import { TriggerSummaryList } from "./trigger-summary";

/** The case page's Community Trigger section (COMMUNITY_TRIGGER cases): the application at a glance. */
export async function CaseCommunityTriggerSection({ actor, caseDetail: c }: CaseSectionProps) {
  const trigger = await getCommunityTrigger(actor, c.id);
  if (!trigger) {
    return (
      <>
        <p className="body-m">The application has not been recorded yet.</p>
        <SectionActions>
          {c.rights.manage ? (
            <Button href={`/cases/${c.id}/community-trigger/edit`} variant="secondary">
              Record the application
            </Button>
          ) : null}
        </SectionActions>
      </>
    );
  }
  return (
    <>
      <TriggerSummaryList caseId={c.id} trigger={trigger} mayChange={c.rights.manage} />
      <p className="body-m">
        <Link href={`/cases/${c.id}/community-trigger`}>
          See the {trigger.complaints.length} qualifying {trigger.complaints.length === 1 ? "complaint" : "complaints"} and the threshold
          check
        </Link>
      </p>
    </>
  );
}
