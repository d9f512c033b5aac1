import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { EditPlaceForm } from "@/components/places/edit-place-form";
import { requirePermission } from "@/lib/auth/session";
import { getPlaceForEdit } from "@/lib/places/data";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Change place" };

export default async function EditPlacePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("place:write");
  const { id } = await params;
  const place = await orNotFound(getPlaceForEdit(actor, id));
  return (
    <>
      <BackLink href={`/places/${place.id}`}>Back to place</BackLink>
      <EditPlaceForm
        placeId={place.id}
        saved={{
          addressLine1: place.addressLine1,
          addressLine2: place.addressLine2 ?? "",
          town: place.town,
          postcode: place.postcode ?? "",
          kind: place.kind,
          uprn: place.uprn ?? "",
          version: String(place.version),
        }}
      />
    </>
  );
}
