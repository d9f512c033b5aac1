import type { Metadata } from "next";
import Link from "next/link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { MfaForAllForm, OrganisationForm } from "@/components/admin/organisation-forms";
import { describeDomains } from "@/lib/organisations/domains";
import { requirePermission } from "@/lib/auth/session";
import { getMfaRequiredForAll, listOrganisations, type OrganisationRow } from "@/lib/organisations/data";
import { ORGANISATION_KIND_LABELS } from "@/lib/organisations/labels";

export const metadata: Metadata = { title: "Organisations" };

const NOTICES: Record<string, string> = {
  created: "Organisation added",
  mfa: "Two-factor sign-in setting saved",
};

/** The partnership's organisations (administrators only), adding one, and two-factor for everyone. */
export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requirePermission("admin:organisations");
  const [organisations, mfaForAll] = await Promise.all([listOrganisations(actor), getMfaRequiredForAll(actor)]);
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  return (
    <>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading caption="Administration">Organisations</PageHeading>
      <Table<OrganisationRow>
        caption="Organisations in the partnership"
        captionHidden
        rows={organisations}
        rowKey={(o) => o.id}
        columns={[
          {
            key: "name",
            header: "Organisation",
            rowHeader: true,
            cell: (o) => (
              <>
                <Link href={`/admin/organisations/${o.id}`} className="link-no-visited font-bold">
                  {o.name}
                </Link>{" "}
                <span className="body-s">({o.shortName})</span>
              </>
            ),
          },
          { key: "kind", header: "Kind", cell: (o) => ORGANISATION_KIND_LABELS[o.kind] },
          { key: "domains", header: "Email domains", cell: (o) => describeDomains(o.emailDomains) },
          { key: "users", header: "Active users", numeric: true, cell: (o) => o.activeUsers.toLocaleString("en-GB") },
          {
            key: "status",
            header: "Status",
            cell: (o) => (
              <span className="flex flex-wrap gap-1">
                {o.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
                {o.mfaRequired ? <Tag colour="blue">Two-factor required</Tag> : null}
              </span>
            ),
          },
        ]}
      />
      <section aria-labelledby="add-organisation-heading" className="mt-10">
        <h2 id="add-organisation-heading" className="heading-m">
          Add an organisation
        </h2>
        <OrganisationForm />
      </section>
      <section aria-labelledby="mfa-heading" className="mt-10">
        <h2 id="mfa-heading" className="heading-m">
          Two-factor sign-in for everyone
        </h2>
        <p className="body-m max-w-[40rem]">
          {mfaForAll
            ? "Every user must sign in with a code from an authenticator app as well as their password."
            : "Users who have set up two-factor sign-in always need a code. You can also require it for one organisation (on its page) or for everyone here."}
        </p>
        <MfaForAllForm required={mfaForAll} />
      </section>
    </>
  );
}
