import type { SeedContext } from "./support";

// The next MARAC and CCM (scheduled in the next fortnight by prisma/seed/panels.ts, chaired by
// Rebecca Chen and Helen Marsh) made ready to run: the organisations invited to attend, so actions
// can be agreed for them in meeting mode. Idempotent (upserts by natural keys). Amina Yusuf's case
// (actions agreed at the last MARAC still open) is left off the MARAC agenda on purpose: the
// referrals journey (tests/e2e/referrals.spec.ts) accepts her new referral onto that meeting, and
// until then the agenda page offers her case as due for review.

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

export async function seedMeetingAttendance(ctx: SeedContext): Promise<void> {
  const { tx } = ctx;
  for (const [meeting, attendees] of Object.entries(ATTENDING)) {
    const meetingId = ctx.id(`meeting:${meeting}`);
    for (const a of attendees) {
      const key = { meetingId, organisationId: ctx.id(`org:${a.org}`) };
      await tx.meetingAttendee.upsert({
        where: { meetingId_organisationId: key },
        create: { ...key, attendeeNames: a.names, present: true },
        update: { attendeeNames: a.names, present: true },
      });
    }
  }
}
