import Link from "next/link";
import type { ReactNode } from "react";
import { Table, type TableColumn } from "@/components/ui/table";
import { placeKindLabel, placeLabel } from "@/lib/places/format";
import type { PlaceListItem } from "@/lib/places/data";

export type PlaceTableProps<Row extends PlaceListItem> = {
  caption: ReactNode;
  captionHidden?: boolean;
  rows: readonly Row[];
  emptyMessage?: ReactNode;
  /** Extra columns after address, postcode and kind (e.g. "Use this place"). */
  extraColumns?: readonly TableColumn<Row>[];
};

/** A list of places: the address (linking to the place), postcode and kind. */
export function PlaceTable<Row extends PlaceListItem>({ caption, captionHidden, rows, emptyMessage, extraColumns = [] }: PlaceTableProps<Row>) {
  return (
    <Table<Row>
      caption={caption}
      captionHidden={captionHidden}
      rows={rows}
      rowKey={(place) => place.id}
      emptyMessage={emptyMessage}
      columns={[
        {
          key: "address",
          header: "Address",
          rowHeader: true,
          cell: (place) => (
            <Link href={`/places/${place.id}`} className="font-normal">
              {placeLabel(place)}
            </Link>
          ),
        },
        { key: "postcode", header: "Postcode", cell: (place) => place.postcode ?? "None", className: "whitespace-nowrap" },
        { key: "kind", header: "Kind", cell: (place) => placeKindLabel(place.kind) },
        ...extraColumns,
      ]}
    />
  );
}
