import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { NewPersonForm } from "@/components/people/new-person-form";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Add a person" };

export default async function NewPersonPage() {
  await requirePermission("person:write");
  return (
    <>
      <BackLink href="/people">Back to people</BackLink>
      {/* A fresh key each time the form is rendered: one form, at most one profile. */}
      <NewPersonForm submissionKey={randomUUID()} />
    </>
  );
}
