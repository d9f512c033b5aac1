import type { Metadata } from "next";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { OnThisPage } from "@/components/ui/on-this-page";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import {
  CasesAtPlace,
  IncidentsAtPlace,
  PlaceDetails,
  PowersAtPlace,
  PsposCoveringPlace,
  ResidentsOfPlace,
} from "@/components/places/place-profile";
import { requirePermission } from "@/lib/auth/session";
import { parseListQuery } from "@/lib/list";
import { orNotFound } from "@/lib/not-found";
import { getPlaceProfile, PROFILE_LIST_LIMIT } from "@/lib/places/data";
import { placeLabel } from "@/lib/places/format";

// "Place", never the address: titles end up in browser history and shared screens' tab bars.
export const metadata: Metadata = { title: "Place" };

export default async function PlacePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requirePermission("place:read");
  const { id } = await params;
  const query = await searchParams;
  const { page: incidentsPage } = parseListQuery({ page: query.incidentsPage }, { sorts: ["occurred"], defaultSort: "occurred" });
  const profile = await orNotFound(getPlaceProfile(actor, id, { incidentsPage }));
  const { place, rights, imported } = profile;
  const banner = firstParam(query.added) ? "Place added" : firstParam(query.updated) ? "Place updated" : null;

  return (
    <>
      {banner ? <NotificationBanner variant="success" heading={banner} /> : null}
      <PageHeading caption="Place">
        {placeLabel(place)}
        {place.postcode ? <span className="block heading-m mt-1">{place.postcode}</span> : null}
      </PageHeading>

      <OnThisPage
        links={[
          { href: "#incidents-heading", label: "Incidents" },
          { href: "#cases-heading", label: "Cases" },
          { href: "#powers-heading", label: "Tools and powers" },
          { href: "#pspos-heading", label: "PSPOs" },
          { href: "#people-heading", label: "People" },
        ]}
      />

      <h2 className="heading-m">Details</h2>
      <PlaceDetails place={place} canEdit={rights.edit} imported={imported} />

      <IncidentsAtPlace placeId={place.id} incidents={profile.incidents} searchParams={query} />
      <CasesAtPlace cases={profile.cases} limit={PROFILE_LIST_LIMIT} />
      <PowersAtPlace powers={profile.powers} limit={PROFILE_LIST_LIMIT} />
      <PsposCoveringPlace pspos={profile.pspos} />
      <ResidentsOfPlace residents={profile.residents} limit={PROFILE_LIST_LIMIT} />
    </>
  );
}
