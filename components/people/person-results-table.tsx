import Link from "next/link";
import type { ReactNode } from "react";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { PersonSearchResult } from "@/lib/people/data";
import { PersonAlertTags } from "./alert-tags";

export type PersonResultsTableProps = {
  caption: string;
  captionHidden?: boolean;
  rows: readonly PersonSearchResult[];
  emptyMessage?: ReactNode;
  /** A last column of links or buttons ("Use this person", "Choose"), instead of linking the name. */
  action?: { header: string; cell: (row: PersonSearchResult) => ReactNode };
};

/**
 * People found by a search: the search page, the likely matches offered before a profile is
 * created, and the choice of a duplicate to merge. Names link to the profile unless an action
 * column says what to do with the row.
 */
export function PersonResultsTable({ caption, captionHidden, rows, emptyMessage, action }: PersonResultsTableProps) {
  const columns: TableColumn<PersonSearchResult>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (row) => {
        const name = `${row.firstName} ${row.lastName}`;
        return action ? name : <Link href={`/people/${row.id}`}>{name}</Link>;
      },
    },
    {
      key: "aliases",
      header: "Also known as",
      cell: (row) => (row.matchedAliases.length > 0 ? row.matchedAliases.join(", ") : null),
    },
    {
      key: "dob",
      header: "Date of birth",
      className: "whitespace-nowrap",
      cell: (row) =>
        row.dateOfBirth ? (
          <>
            {formatDate(row.dateOfBirth)}
            {row.dateOfBirthMatches ? <span className="block body-s text-ink-secondary">Same date of birth</span> : null}
          </>
        ) : (
          <span className="text-ink-secondary">Not known</span>
        ),
    },
    { key: "alerts", header: "Alerts", cell: (row) => <PersonAlertTags alerts={row.alerts} /> },
  ];
  if (action) columns.push({ key: "action", header: action.header, cell: action.cell });
  return (
    <Table
      caption={caption}
      captionHidden={captionHidden}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      emptyMessage={emptyMessage}
    />
  );
}
