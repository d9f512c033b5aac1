import { randomUUID } from "node:crypto";
import pg from "pg";
import { SUBJECTS, type Records } from "./access-matrix";

// The demo partnership's records the access matrix's probes use, looked up in a seeded database
// (the e2e run's, or a resilience test's own).

export async function loadRecords(url: string): Promise<Records> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []): Promise<string | null> => {
      const { rows } = await client.query<{ id: string }>(sql, params);
      return rows[0]?.id ?? null;
    };
    const must = async (what: string, sql: string, params: unknown[] = []) => {
      const id = await one(sql, params);
      if (!id) throw new Error(`The demo data has no ${what}`);
      return id;
    };
    const caseId = await must("case C01", `SELECT id FROM "Case" WHERE title LIKE 'Harassment of a vulnerable older resident%'`);
    const maracCaseId = await must("case C10", `SELECT id FROM "Case" WHERE title LIKE 'Domestic abuse: Ellie Newman%'`);
    const triggerCaseId = await must("case C06", `SELECT id FROM "Case" WHERE kind = 'COMMUNITY_TRIGGER' ORDER BY "createdAt" LIMIT 1`);
    const kcsat = await must("KCSAT", `SELECT id FROM "Organisation" WHERE "shortName" = 'KCSAT'`);
    const policeMaracCaseId = await must("case C07", `SELECT id FROM "Case" WHERE title LIKE 'Domestic abuse: Chloe Adams%'`);
    return {
      caseId,
      maracCaseId,
      maracIncidentId: await must(
        "MPS incident in C07",
        `SELECT i.id FROM "Incident" i JOIN "Organisation" o ON o.id = i."reportingOrganisationId" WHERE i."caseId" = $1 AND o."shortName" = 'MPS' LIMIT 1`,
        [policeMaracCaseId],
      ),
      maracPersonId: await must(
        "victim in C07",
        `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'VICTIM' LIMIT 1`,
        [policeMaracCaseId],
      ),
      maracPlaceId: await must("place of C07", `SELECT "locationId" AS id FROM "CaseLocation" WHERE "caseId" = $1 LIMIT 1`, [
        policeMaracCaseId,
      ]),
      triggerCaseId,
      // An open action (a finished one cannot be changed by anyone).
      actionId: await must(
        "action on C01",
        `SELECT id FROM "CaseAction" WHERE "caseId" = $1 ORDER BY (status IN ('OPEN', 'IN_PROGRESS')) DESC, "createdAt" LIMIT 1`,
        [caseId],
      ),
      riskId: await must("risk assessment on C01", `SELECT id FROM "RiskAssessment" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      timelineEntryId: await must("timeline entry on C01", `SELECT id FROM "TimelineEntry" WHERE "caseId" = $1 AND kind = 'NOTE' LIMIT 1`, [
        caseId,
      ]),
      documentId: await one(`SELECT id FROM "CaseDocument" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      incidentId: await must(
        "KCSAT incident in C01",
        `SELECT id FROM "Incident" WHERE "caseId" = $1 AND "reportingOrganisationId" = $2 LIMIT 1`,
        [caseId, kcsat],
      ),
      personId: await must("victim in C01", `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'VICTIM' LIMIT 1`, [
        caseId,
      ]),
      otherPersonId: await must(
        "perpetrator in C01",
        `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'PERPETRATOR' LIMIT 1`,
        [caseId],
      ),
      placeId: await must("place of C01", `SELECT "locationId" AS id FROM "CaseLocation" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      powerId: await must("KCSAT power in C01", `SELECT id FROM "PowerUse" WHERE "caseId" = $1 AND "issuingOrganisationId" = $2 LIMIT 1`, [
        caseId,
        kcsat,
      ]),
      pspoId: await must("PSPO", `SELECT id FROM "Pspo" LIMIT 1`),
      referralId: await one(`SELECT id FROM "Referral" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      maracReferralId: await one(`SELECT id FROM "Referral" WHERE "caseId" = $1 LIMIT 1`, [maracCaseId]),
      meetingId: await one(`SELECT id FROM "Meeting" WHERE panel = 'CCM' ORDER BY "startsAt" LIMIT 1`),
      maracMeetingId: await one(`SELECT id FROM "Meeting" WHERE panel = 'MARAC' ORDER BY "startsAt" LIMIT 1`),
      organisationId: kcsat,
      sharedOrganisationId: await must(
        "an organisation C01 is shared with",
        `SELECT s."organisationId" AS id FROM "CaseShare" s JOIN "Organisation" o ON o.id = s."organisationId" WHERE s."caseId" = $1 AND s."withdrawnAt" IS NULL AND o."shortName" = 'MPS'`,
        [caseId],
      ),
      userId: await must("a KCSAT officer", `SELECT id FROM "User" WHERE email = $1`, [SUBJECTS.officer]),
      otherOrgUserId: await must("a Kingsmere Homes officer", `SELECT id FROM "User" WHERE email = $1`, [SUBJECTS.otherOrg]),
      missing: randomUUID(),
    };
  } finally {
    await client.end();
  }
}
