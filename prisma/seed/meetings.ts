import { seedId, type SeedContext } from "./support";

// The next MARAC and CCM (scheduled in the next fortnight by prisma/seed/panels.ts, chaired by
// Rebecca Chen and Helen Marsh) made ready to run: the organisations invited to attend, and on the
// MARAC's agenda the case due for review (Amina Yusuf's: actions agreed at the last MARAC still
// open), so the demo's meeting mode has three cases. Idempotent (upserts by natural keys).

const ATTENDING: Record<string, { org: string; names: string }[]> = {
  MT03: [
    { org: "MPS", names: "DI Rebecca Chen (chair), DC Sarah Whitfield" },
    { org: "KCSAT", names: "Yasmin Patel (MARAC coordinator)" },
    { org: "KWA", names: "Claire Robinson (IDVA)" },
    { org: "KH", names: "Fatima Hussain" },
    { org: "KHC", names: "Nadia Ali" },
    { org: "PS", names: "Grace Adeyemi" },
  ],
  MT04: [
    { org: "KCSAT", names: "Helen Marsh (chair), Kwame Mensah, Laura Bennett" },
    { org: "MPS", names: "PC Daniel Hughes" },
    { org: "KH", names: "Fatima Hussain, Owen Price" },
    { org: "LFB", names: "Sean Gallagher" },
    { org: "PS", names: "Grace Adeyemi" },
    { org: "KHC", names: "Nadia Ali" },
  ],
};

/** Review items added after panels.ts's agenda (positions follow it). */
const REVIEWS: Record<string, { case: string; position: number }[]> = {
  MT03: [{ case: "C08", position: 3 }],
};

export async function seedMeetingAttendance(ctx: SeedContext): Promise<void> {
  const { tx } = ctx;
  for (const [meeting, attendees] of Object.entries(ATTENDING)) {
    const meetingId = ctx.id(`meeting:${meeting}`);
    for (const a of attendees) {
      const key = { meetingId, organisationId: ctx.id(`org:${a.org}`) };
      await tx.meetingAttendee.upsert({ where: { meetingId_organisationId: key }, create: { ...key, attendeeNames: a.names, present: true }, update: { attendeeNames: a.names, present: true } });
    }
  }
  for (const [meeting, reviews] of Object.entries(REVIEWS)) {
    const meetingId = ctx.id(`meeting:${meeting}`);
    for (const r of reviews) {
      const caseId = ctx.id(`case:${r.case}`);
      const data = { reason: "REVIEW" as const, position: r.position, referralId: null, discussionSummary: null, decision: null, reviewedAt: null };
      await tx.agendaItem.upsert({
        where: { meetingId_caseId: { meetingId, caseId } },
        create: { id: seedId(`agenda:${meeting}:${r.case}`), meetingId, caseId, ...data },
        update: data,
      });
    }
  }
}
