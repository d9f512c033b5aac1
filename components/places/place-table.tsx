import Link from "next/link";
import { Table, type TableColumn, type TableListProps } from "@/components/ui/table";
import { placeKindLabel, placeLabel } from "@/lib/places/format";
import type { PlaceListItem } from "@/lib/places/data";

export type PlaceTableProps<Row extends PlaceListItem> = Omit<TableListProps<Row>, "sort"> & {
  /** Extra columns after address, postcode and kind (e.g. "Use this place"). */
  extraColumns?: readonly TableColumn<Row>[];
};

/** A list of places: the address (linking to the place), postcode and kind. */
export function PlaceTable<Row extends PlaceListItem>({ extraColumns = [], ...list }: PlaceTableProps<Row>) {
  return (
    <Table<Row>
      {...list}
      rowKey={(place) => place.id}
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
