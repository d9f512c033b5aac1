import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { NewApiClientForm } from "@/components/admin/api-client-form";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { refusePage } from "@/lib/auth/refuse";
import { defaultExpiryParts } from "@/lib/api/clients/schema";

export const metadata: Metadata = { title: "Make an API client" };

/** A manager makes a client for their own organisation (an administrator cannot: lib/auth/permissions). */
export default async function NewApiClientPage() {
  const actor = await requireActor();
  if (!can(actor, "api-client:manage")) await refusePage(actor, "api-client:manage");
  return (
    <>
      <BackLink href="/admin/api-clients">Back to API clients</BackLink>
      <PageHeading caption="Administration">Make an API client</PageHeading>
      <p className="body-m max-w-[40rem]">
        The client acts for {actor.organisationName}. It can reach no more than your organisation&apos;s officers can, and never MARAC cases
        unless a chair of the MARAC grants it. You see its token once, when it is made.
      </p>
      <NewApiClientForm defaultExpiry={defaultExpiryParts()} />
    </>
  );
}
