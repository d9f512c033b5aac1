import { SummaryList } from "@/components/ui/summary-list";
import { formatDate } from "@/lib/format/dates";
import type { MergeSide } from "@/lib/people/data";
import { GENDER_LABELS } from "@/lib/people/schema";

/** One of the two profiles on the merge check page. */
export function MergeSideSummary({ heading, side }: { heading: string; side: MergeSide }) {
  return (
    <section aria-label={heading} className="mb-6">
      <h2 className="heading-m">{heading}</h2>
      <SummaryList
        rows={[
          { key: "Name", value: `${side.firstName} ${side.lastName}` },
          { key: "Also known as", value: side.aliases.length > 0 ? side.aliases.join(", ") : null },
          { key: "Date of birth", value: side.dateOfBirth ? formatDate(side.dateOfBirth) : null },
          { key: "Gender", value: side.gender ? GENDER_LABELS[side.gender] : null },
          { key: "Telephone", value: side.phone },
          { key: "Address", value: side.address },
          { key: "Profile created by", value: side.createdBy },
          { key: "Incidents you can see", value: String(side.visible.incidents) },
          { key: "Cases you can see", value: String(side.visible.cases) },
          { key: "Tools and powers you can see", value: String(side.visible.powers) },
          { key: "Vulnerabilities", value: String(side.markers) },
        ]}
      />
    </section>
  );
}
