import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { MeetingFacts, MeetingLinks, MeetingMarking } from "@/components/meetings/meeting-header";
import { PackItemDetails } from "@/components/meetings/pack-item";
import { PrintButton } from "@/components/meetings/print-button";
import { requireActor } from "@/lib/auth/session";
import { getMeetingPack } from "@/lib/meetings/data";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Pre-meeting pack" };

type Props = { params: Promise<{ id: string }> };

/** `/meetings/[id]/pack`: the agenda with each case's summary, latest risk and open actions. Panel members only; printable. */
export default async function MeetingPackPage({ params }: Props) {
  const actor = await requireActor();
  const pack = await orNotFound(getMeetingPack(actor, (await params).id));
  return (
    <>
      <BackLink href={`/meetings/${pack.id}`}>Back to the agenda</BackLink>
      <MeetingMarking panel={pack.panel} />
      <PageHeading caption={`${PANEL_NAMES[pack.panel]} meeting ${pack.reference}`}>Pre-meeting pack</PageHeading>
      <MeetingLinks meeting={pack} current="pack" />
      <PrintButton label="Print the pack" />
      <div className="max-w-[50rem]">
        <MeetingFacts meeting={pack} />
        {pack.items.length === 0 ? <p className="body-m">No cases are on the agenda yet.</p> : null}
        {pack.items.map((item) => (
          <article key={item.id} aria-labelledby={`pack-${item.id}`} className="mt-8 pt-6 border-t-2 border-ink break-inside-avoid-page">
            <PackItemDetails item={item} headingId={`pack-${item.id}`} />
          </article>
        ))}
        {pack.panel === "MARAC" ? <MeetingMarking panel={pack.panel} /> : null}
      </div>
    </>
  );
}
