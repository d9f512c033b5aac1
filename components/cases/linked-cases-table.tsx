import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import type { CaseKind, CaseStatus } from "@/lib/generated/prisma/enums";
import { CASE_KIND_LABELS } from "@/lib/cases/labels";
import { CaseStatusTag, RestrictedTag } from "./case-tags";

export type LinkedCase = {
  id: string;
  reference: string;
  title: string;
  kind: CaseKind;
  status: CaseStatus;
  restricted: boolean;
  leadOrganisation: { shortName: string };
};

/** Cases listed on another record's page (a person's, a place's); `extra` columns go before "Lead". */
export function LinkedCasesTable<C extends LinkedCase>({
  cases,
  caption,
  emptyMessage,
  extra = [],
}: {
  cases: readonly C[];
  caption: string;
  emptyMessage: string;
  extra?: readonly TableColumn<C>[];
}) {
  const columns: TableColumn<C>[] = [
    {
      key: "reference",
      header: "Reference",
      rowHeader: true,
      className: "whitespace-nowrap",
      cell: (c) => <Link href={`/cases/${c.id}`}>{c.reference}</Link>,
    },
    {
      key: "title",
      header: "Title",
      cell: (c) => (
        <>
          {c.title}
          {c.restricted ? (
            <>
              {" "}
              <RestrictedTag />
            </>
          ) : null}
        </>
      ),
    },
    { key: "kind", header: "Kind", cell: (c) => CASE_KIND_LABELS[c.kind] },
    ...extra,
    { key: "lead", header: "Lead", cell: (c) => c.leadOrganisation.shortName },
    { key: "status", header: "Status", cell: (c) => <CaseStatusTag status={c.status} /> },
  ];
  return <Table caption={caption} captionHidden rows={cases} rowKey={(c) => c.id} emptyMessage={emptyMessage} columns={columns} />;
}
