import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { ApiClientTable } from "@/components/admin/api-client-table";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listApiClients } from "@/lib/api/clients/data";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "API clients" };

/** Partner systems' API clients: a manager's organisation's, or (administrators) every organisation's. */
export default async function ApiClientsPage() {
  const actor = await requireActor();
  // Refuses (audited, 404) anyone who neither manages nor oversees clients.
  const clients = await orNotFound(listApiClients(actor));
  const now = new Date();
  return (
    <>
      <PageHeading caption="Administration">API clients</PageHeading>
      <p className="body-m max-w-[40rem]">
        {can(actor, "api-client:manage")
          ? `A partner system calls this service's API with a client's token, as ${actor.organisationName}: it reaches only what your organisation's officers can, and only what you allow it.`
          : "A partner system calls this service's API with a client's token. Managers make them for their own organisation; you can revoke any of them."}{" "}
        A client reads MARAC cases only while a chair of the MARAC grants it. What a client can call is in the{" "}
        <Link href="/admin/api" className="link-no-visited">
          API reference
        </Link>
        .
      </p>
      {can(actor, "api-client:manage") ? <Button href="/admin/api-clients/new">Make an API client</Button> : null}
      <ApiClientTable rows={clients} now={now} />
    </>
  );
}
