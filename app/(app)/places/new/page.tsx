import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { NewPlaceForm } from "@/components/places/new-place-form";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Add a place" };

export default async function NewPlacePage() {
  await requirePermission("place:write");
  return (
    <>
      <BackLink href="/places">Back to places</BackLink>
      {/* A fresh key each time the form is rendered: one form, at most one place. */}
      <NewPlaceForm submissionKey={randomUUID()} />
    </>
  );
}
