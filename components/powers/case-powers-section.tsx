import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { listPowersFor } from "@/lib/powers/data";
import { LinkedPowersTable } from "./linked-powers-table";

/** Powers listed on the case page; a case with more says so (they are all on the powers register). */
const CASE_POWERS_SHOWN = 50;

/** The tools and powers used in the case that the actor may see (visiblePowersWhere), newest first. */
export async function CasePowersSection({ actor, caseDetail }: CaseSectionProps) {
  const powers = await listPowersFor(actor, { caseId: caseDetail.id }, CASE_POWERS_SHOWN + 1);
  return (
    <>
      {powers.length > CASE_POWERS_SHOWN ? (
        <p className="body-m text-ink-secondary">The {CASE_POWERS_SHOWN} most recently issued are shown here.</p>
      ) : null}
      <LinkedPowersTable
        powers={powers.slice(0, CASE_POWERS_SHOWN)}
        caption="Tools and powers used in this case, most recently issued first"
        emptyMessage="No tools or powers have been recorded on this case."
      />
    </>
  );
}
