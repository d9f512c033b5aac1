import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { EditPersonForm } from "@/components/people/edit-person-form";
import { requirePermission } from "@/lib/auth/session";
import { datePartsOf } from "@/lib/incidents/date-fields";
import { orNotFound } from "@/lib/not-found";
import { getPersonForEdit } from "@/lib/people/data";
import { aliasText } from "@/lib/people/schema";

// Never the person's name: titles end up in browser history.
export const metadata: Metadata = { title: "Change a person’s details" };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("person:write");
  const { id } = await params;
  const person = await orNotFound(getPersonForEdit(actor, id));
  const dob = person.dateOfBirth ? datePartsOf(person.dateOfBirth) : { day: "", month: "", year: "" };
  return (
    <>
      <BackLink href={`/people/${person.id}`}>Back to profile</BackLink>
      <EditPersonForm
        personId={person.id}
        initial={{
          firstName: person.firstName,
          lastName: person.lastName,
          "dateOfBirth-day": dob.day,
          "dateOfBirth-month": dob.month,
          "dateOfBirth-year": dob.year,
          gender: person.gender ?? "",
          aliases: person.aliases.map(aliasText).join(", "),
          phone: person.phone ?? "",
          version: String(person.version),
        }}
      />
    </>
  );
}
