import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Tag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { OrganisationActiveForm, OrganisationForm } from "@/components/admin/organisation-forms";
import { requirePermission } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/organisations/data";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Organisation" };

const NOTICES: Record<string, string> = {
  saved: "Organisation saved",
  deactivated: "Organisation deactivated. Its users have been signed out",
  reactivated: "Organisation reactivated",
};

export default async function OrganisationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requirePermission("admin:organisations");
  const organisation = await orNotFound(getOrganisation(actor, (await params).id));
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  return (
    <>
      <BackLink href="/admin/organisations">Back to organisations</BackLink>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading caption="Organisation">{organisation.name}</PageHeading>
      <p className="body-m">
        {organisation.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}{" "}
        {organisation.activeUsers.toLocaleString("en-GB")} active {organisation.activeUsers === 1 ? "user" : "users"}.{" "}
        <Link href={`/admin/users?organisation=${organisation.id}`} className="link-no-visited">
          See its users
        </Link>
      </p>
      <section aria-labelledby="details-heading" className="mt-8">
        <h2 id="details-heading" className="heading-m">
          Details
        </h2>
        <OrganisationForm existing={organisation} />
      </section>
      <section aria-labelledby="status-heading" className="mt-10 max-w-[40rem]">
        <h2 id="status-heading" className="heading-m">
          {organisation.active ? "Deactivate" : "Reactivate"}
        </h2>
        <OrganisationActiveForm organisationId={organisation.id} active={organisation.active} />
      </section>
    </>
  );
}
