import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button, ButtonGroup } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { OnThisPage } from "@/components/ui/on-this-page";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import {
  PersonAlertsBanner,
  PersonCases,
  PersonDetails,
  PersonIncidents,
  PersonPowers,
  PersonVulnerability,
} from "@/components/people/person-profile";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { getPersonProfile, PROFILE_LIST_LIMIT } from "@/lib/people/data";
import { WhoHasSeenLink } from "@/components/audit/who-has-seen-link";

// "Person profile", never the name: titles end up in browser history and shared screens' tab bars.
export const metadata: Metadata = { title: "Person profile" };

const BANNERS: Record<string, string> = {
  created: "Profile created",
  updated: "Details saved",
  merged: "Profiles merged. Everything linked to the other profile is now on this one.",
  "marker-recorded": "Vulnerability recorded",
  "marker-removed": "Vulnerability removed",
};

export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requirePermission("person:read");
  const { id } = await params;
  const query = await searchParams;
  const outcome = await orNotFound(getPersonProfile(actor, id));
  // A profile merged into another: its old links (bookmarks, an old incident) lead to the survivor.
  if (outcome.kind === "merged") redirect(`/people/${outcome.survivorId}`);
  const { person, rights, alerts, incidents, cases, powers, imported } = outcome.profile;
  const marker = firstParam(query.marker);
  const banner = BANNERS[marker ? `marker-${marker}` : (["created", "updated", "merged"].find((flag) => firstParam(query[flag])) ?? "")];
  const canEdit = rights.edit;

  return (
    <>
      {banner ? <NotificationBanner variant="success" heading={banner} /> : null}
      <PersonAlertsBanner alerts={alerts} />
      <PageHeading caption="Person profile">
        {person.firstName} {person.lastName}
      </PageHeading>

      <WhoHasSeenLink actor={actor} type="person" id={person.id} />
      <OnThisPage
        links={[
          { href: "#incidents-heading", label: "Incidents" },
          { href: "#cases-heading", label: "Cases" },
          { href: "#powers-heading", label: "Tools and powers" },
          { href: "#vulnerability-heading", label: "Vulnerability" },
        ]}
      />

      <h2 className="heading-m">Details</h2>
      <PersonDetails person={person} canEdit={canEdit} imported={imported} />
      {rights.merge ? (
        <ButtonGroup>
          <Button href={`/people/${person.id}/merge`} variant="secondary">
            Merge with another profile
          </Button>
        </ButtonGroup>
      ) : null}

      <PersonIncidents personId={person.id} incidents={incidents} />
      <PersonCases cases={cases} limit={PROFILE_LIST_LIMIT} />
      <PersonPowers powers={powers} limit={PROFILE_LIST_LIMIT} />
      <PersonVulnerability person={person} canEdit={canEdit} />
    </>
  );
}
