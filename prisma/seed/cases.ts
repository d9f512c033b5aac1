import type {
  ActionStatus,
  CaseKind,
  CaseStatus,
  ClosureReason,
  InvolvementRole,
  RiskAssessmentKind,
  RiskLevel,
} from "../../lib/generated/prisma/enums";
import { INCIDENTS } from "./incidents";
import { addMinutes, londonDay, numberReferences, seedId, type SeedContext, type When } from "./support";

// The demo's cases: ASB and CCM cases, four restricted MARAC cases and one Community Trigger,
// with their sharing, people, places, actions, notes and risk assessments.

export type ActionSeed = {
  key: string;
  title: string;
  detail?: string;
  org: string;
  user?: string;
  by: string;
  created: When;
  /** Due date, in days from the anchor day. */
  due: number;
  status: ActionStatus;
  outcome?: string;
  /** When the action was completed (DONE) or cancelled (CANCELLED). */
  done?: When;
  cancelReason?: string;
  meeting?: string;
};

export type NoteSeed = { at: When; by: string; text: string };

export type CaseSeed = {
  key: string;
  kind: CaseKind;
  title: string;
  summary: string;
  lead: string;
  leadOfficer: string;
  createdBy: string;
  opened: When;
  status: CaseStatus;
  statusChange?: { at: When; by: string; note: string };
  closure?: { reason: ClosureReason; note: string; at: When; by: string };
  risk: RiskLevel;
  restricted?: boolean;
  shares: { org: string; at: When; by: string }[];
  people: [person: string, role: InvolvementRole][];
  locations: string[];
  actions: ActionSeed[];
  notes: NoteSeed[];
};

export const CASES: CaseSeed[] = [
  {
    key: "C01",
    kind: "CCM",
    title: "Harassment of a vulnerable older resident, Larkhall Gardens",
    summary:
      "Mrs Ellison (82, lives alone, limited mobility) has been targeted by local teenagers since last winter: door knocking, eggs and stones thrown, verbal abuse and a bin fire against her fence. Two youths identified (Callum Reid, Jordan Mills). Acceptable Behaviour Contracts signed; Callum has breached his. Referred to the CCM for a coordinated plan.",
    lead: "KCSAT",
    leadOfficer: "kwame",
    createdBy: "kwame",
    opened: [-205, "10:30"],
    status: "OPEN",
    risk: "HIGH",
    shares: [
      { org: "MPS", at: [-205, "10:45"], by: "kwame" },
      { org: "LFB", at: [-129, "09:15"], by: "kwame" },
      { org: "KHC", at: [-74, "11:00"], by: "kwame" },
    ],
    people: [
      ["ME", "VICTIM"],
      ["CR", "PERPETRATOR"],
      ["JM", "PERPETRATOR"],
      ["WC", "WITNESS"],
      ["DR", "OTHER"],
    ],
    locations: ["L05", "L15"],
    actions: [
      {
        key: "A0101",
        title: "Agree Acceptable Behaviour Contracts with Callum Reid and Jordan Mills and their parents",
        org: "KCSAT",
        user: "kwame",
        by: "kwame",
        created: [-204, "09:30"],
        due: -160,
        status: "DONE",
        done: [-158, "16:30"],
        outcome: "ABCs signed at the council offices with both boys and their parents, for six months.",
      },
      {
        key: "A0102",
        title: "Fit a video doorbell and window alarms at 14 Larkhall Gardens",
        org: "KCSAT",
        user: "kwame",
        by: "kwame",
        created: [-129, "09:20"],
        due: -113,
        status: "DONE",
        done: [-115, "14:00"],
        outcome: "Video doorbell and two window alarms fitted by the target-hardening contractor; Mrs Ellison shown how to use them.",
      },
      {
        key: "A0103",
        title: "Home fire safety visit and letterbox fire guard",
        detail: "Deliberate fire against the fence; no working smoke alarm downstairs.",
        org: "LFB",
        user: "sean",
        by: "kwame",
        created: [-129, "09:25"],
        due: -119,
        status: "DONE",
        done: [-122, "11:30"],
        outcome: "Smoke alarms fitted on both floors and a letterbox fire guard installed. Referred for a telecare pendant alarm.",
      },
      {
        key: "A0104",
        title: "Care and support needs assessment for Mrs Ellison (safeguarding adults)",
        org: "KHC",
        user: "nadia",
        by: "aisha",
        created: [-74, "11:05"],
        due: -60,
        status: "DONE",
        done: [-62, "15:00"],
        outcome: "Assessment completed; a daily home care visit offered and accepted.",
      },
      {
        key: "A0105",
        title: "Home visit to the Reid family about the ABC breaches; offer parenting support",
        org: "KCSAT",
        user: "kwame",
        by: "helen",
        created: [-17, "10:25"],
        due: -10,
        status: "DONE",
        done: [-8, "17:00"],
        outcome:
          "Visit with the Family Support Service. Donna Reid agreed to a parenting programme; Callum told that an injunction will be sought if the behaviour continues.",
        meeting: "MT01",
      },
      {
        key: "A0106",
        title: "Prepare a civil injunction application against Callum Reid (youth court)",
        org: "KCSAT",
        user: "laura",
        by: "helen",
        created: [-17, "10:26"],
        due: 14,
        status: "IN_PROGRESS",
        meeting: "MT01",
      },
      {
        key: "A0107",
        title: "Review Mrs Ellison's care and support plan, including rehousing options",
        org: "KHC",
        user: "nadia",
        by: "helen",
        created: [-17, "10:27"],
        due: -5,
        status: "OPEN",
        meeting: "MT01",
      },
      {
        key: "A0108",
        title: "Targeted patrols in Larkhall Gardens 18:00–22:00 and a named officer for Mrs Ellison",
        org: "MPS",
        user: "daniel",
        by: "helen",
        created: [-17, "10:28"],
        due: -10,
        status: "DONE",
        done: [-16, "09:00"],
        outcome: "Added to the ward patrol plan for six weeks; PC Hughes is the named contact.",
        meeting: "MT01",
      },
      {
        key: "A0109",
        title: "Download and review the doorbell footage of the latest incident",
        org: "MPS",
        user: "daniel",
        by: "daniel",
        created: [-8, "08:30"],
        due: -4,
        status: "OPEN",
      },
    ],
    notes: [
      {
        at: [-205, "11:00"],
        by: "kwame",
        text: "Spoke to Mrs Ellison by phone. She is frightened and has stopped going out after dark. Agreed a fortnightly welfare call.",
      },
      {
        at: [-129, "09:00"],
        by: "kwame",
        text: "Bin fire last night: this is now a risk to life. Shared with LFB and asked for a home fire safety visit.",
      },
      {
        at: [-8, "09:30"],
        by: "kwame",
        text: "Mrs Ellison's daughter phoned: her mother is talking about selling up. She needs to see that this is being dealt with; daughter given the case reference and my direct line.",
      },
    ],
  },
  {
    key: "C02",
    kind: "CCM",
    title: "Cuckooing of a vulnerable tenant, Flat 7 Harker House",
    summary:
      "Mr Pike (46, learning disability) is believed to have had his flat taken over by a drugs line linked to Kyle Denton. Partial closure order on the flat (Mr Pike may stay); civil injunction with an exclusion zone against Kyle Denton, breached once. Plan: keep Mr Pike safe and move him to a suitable tenancy.",
    lead: "MPS",
    leadOfficer: "daniel",
    createdBy: "daniel",
    opened: [-109, "10:00"],
    status: "MONITORING",
    risk: "HIGH",
    statusChange: { at: [-60, "16:00"], by: "daniel", note: "Closure order in force and no visitors seen at Flat 7 for three weeks." },
    shares: [
      { org: "KH", at: [-109, "10:10"], by: "daniel" },
      { org: "KCSAT", at: [-109, "10:12"], by: "daniel" },
      { org: "KHC", at: [-109, "10:14"], by: "daniel" },
    ],
    people: [
      ["DP", "VICTIM"],
      ["KD", "PERPETRATOR"],
      ["BO", "WITNESS"],
    ],
    locations: ["L07", "L01"],
    actions: [
      {
        key: "A0201",
        title: "Safe and well visit to Mr Pike with the learning disability nurse",
        org: "KHC",
        user: "nadia",
        by: "daniel",
        created: [-109, "10:30"],
        due: -100,
        status: "DONE",
        done: [-98, "15:30"],
        outcome: "Visit done; Mr Pike disclosed financial abuse (incident recorded). Bank contacted to cancel and replace his card.",
      },
      {
        key: "A0202",
        title: "Change the locks and restrict the door-entry fobs for Flat 7",
        org: "KH",
        user: "fatima",
        by: "daniel",
        created: [-97, "09:00"],
        due: -78,
        status: "DONE",
        done: [-79, "13:00"],
        outcome: "Locks changed; only Mr Pike's and the support workers' fobs now open the block door.",
      },
      {
        key: "A0203",
        title: "Closure notice and closure order for Flat 7 (partial closure; tenant to remain)",
        org: "MPS",
        user: "gareth",
        by: "daniel",
        created: [-97, "09:05"],
        due: -80,
        status: "DONE",
        done: [-80, "13:00"],
        outcome: "Closure notice served; closure order granted at Kingsmere Magistrates' Court for three months.",
      },
      {
        key: "A0204",
        title: "Civil injunction against Kyle Denton with an exclusion zone and power of arrest",
        org: "KH",
        user: "martin",
        by: "daniel",
        created: [-97, "09:10"],
        due: -70,
        status: "DONE",
        done: [-70, "12:30"],
        outcome: "Injunction granted for 12 months at Kingsmere County Court, power of arrest attached.",
      },
      {
        key: "A0205",
        title: "Management transfer for Mr Pike to supported housing",
        org: "KH",
        user: "fatima",
        by: "helen",
        created: [-17, "10:50"],
        due: -2,
        status: "IN_PROGRESS",
        meeting: "MT01",
      },
      {
        key: "A0206",
        title: "Care Act assessment and an appointee for Mr Pike's finances",
        org: "KHC",
        user: "nadia",
        by: "helen",
        created: [-17, "10:51"],
        due: 10,
        status: "OPEN",
        meeting: "MT01",
      },
      {
        key: "A0207",
        title: "Seek a full Criminal Behaviour Order against Kyle Denton at sentencing",
        org: "MPS",
        user: "daniel",
        by: "helen",
        created: [-17, "10:52"],
        due: 20,
        status: "OPEN",
        meeting: "MT01",
      },
    ],
    notes: [
      {
        at: [-109, "10:20"],
        by: "daniel",
        text: "Opened after Kyle Denton's arrest in the stairwell. Mr Pike denies any problem but is clearly frightened; treat as cuckooing.",
      },
      {
        at: [-19, "10:00"],
        by: "daniel",
        text: "Kyle Denton remanded after breaching the injunction yesterday; committal hearing at Kingsmere County Court in two weeks.",
      },
    ],
  },
  {
    key: "C03",
    kind: "ASB",
    title: "Noise nuisance from Flat 12 Cordwainer Court",
    summary:
      "Repeated late-night amplified music and parties at Flat 12 affecting neighbours, in particular the family at Flat 11 with a baby. CPW, then CPN served; CPN breached twice (FPN paid; second breach going to prosecution).",
    lead: "KH",
    leadOfficer: "owen",
    createdBy: "owen",
    opened: [-165, "09:30"],
    status: "OPEN",
    risk: "MEDIUM",
    shares: [
      { org: "KCSAT", at: [-160, "11:00"], by: "owen" },
      { org: "MPS", at: [-94, "09:00"], by: "owen" },
    ],
    people: [
      ["RB", "PERPETRATOR"],
      ["EY", "VICTIM"],
      ["TN", "WITNESS"],
    ],
    locations: ["L08", "L09", "L02"],
    actions: [
      {
        key: "A0301",
        title: "Send noise diary sheets and the Noise App link to the complainant",
        org: "KH",
        user: "owen",
        by: "owen",
        created: [-165, "09:40"],
        due: -158,
        status: "DONE",
        done: [-164, "10:00"],
        outcome: "Sent by e-mail and post.",
      },
      {
        key: "A0302",
        title: "Out-of-hours noise monitoring at Cordwainer Court",
        org: "KCSAT",
        user: "kwame",
        by: "owen",
        created: [-160, "11:05"],
        due: -140,
        status: "DONE",
        done: [-150, "02:45"],
        outcome: "Statutory nuisance witnessed from the communal landing.",
      },
      {
        key: "A0303",
        title: "Serve a Community Protection Warning on Mr Baxter",
        org: "KH",
        user: "owen",
        by: "owen",
        created: [-149, "09:00"],
        due: -118,
        status: "DONE",
        done: [-120, "11:00"],
        outcome: "Served by hand.",
      },
      {
        key: "A0304",
        title: "Serve a Community Protection Notice on Mr Baxter",
        org: "KCSAT",
        user: "kwame",
        by: "owen",
        created: [-117, "09:00"],
        due: -85,
        status: "DONE",
        done: [-90, "14:30"],
        outcome: "Served by hand; explained the conditions and the right of appeal.",
      },
      {
        key: "A0305",
        title: "Prepare a prosecution file for the second breach of the CPN",
        org: "KCSAT",
        user: "kwame",
        by: "owen",
        created: [-12, "09:00"],
        due: 16,
        status: "IN_PROGRESS",
      },
      {
        key: "A0306",
        title: "Tenancy enforcement review: consider a notice of seeking possession",
        org: "KH",
        user: "martin",
        by: "owen",
        created: [-12, "09:10"],
        due: -2,
        status: "OPEN",
      },
    ],
    notes: [
      {
        at: [-94, "09:05"],
        by: "owen",
        text: "The complainant's door was kicked during a party: shared with police. She is exhausted and asking for a move; a management transfer is not justified yet.",
      },
    ],
  },
  {
    key: "C04",
    kind: "ASB",
    title: "Street drinking and associated ASB in Market Square",
    summary:
      "An entrenched group of street drinkers in Market Square and on Kingsmere High Street (town centre PSPO area): drinking, urination, abuse of traders and shoppers. Enforcement (PSPO requests and FPNs, CPW) alongside outreach by the Recovery Hub.",
    lead: "KCSAT",
    leadOfficer: "laura",
    createdBy: "laura",
    opened: [-78, "10:00"],
    status: "OPEN",
    risk: "MEDIUM",
    shares: [
      { org: "MPS", at: [-78, "10:05"], by: "laura" },
      { org: "KHC", at: [-77, "14:00"], by: "laura" },
    ],
    people: [
      ["GW", "PERPETRATOR"],
      ["SD", "PERPETRATOR"],
      ["SD2", "PERPETRATOR"],
      ["KA", "VICTIM"],
    ],
    locations: ["L20", "L19"],
    actions: [
      {
        key: "A0401",
        title: "Assertive outreach by the Kingsmere Recovery Hub to the Market Square group",
        org: "KHC",
        user: "nadia",
        by: "laura",
        created: [-77, "14:05"],
        due: -50,
        status: "DONE",
        done: [-55, "16:00"],
        outcome: "Two of the group engaged; Stephen Doherty has started a community detox.",
      },
      {
        key: "A0402",
        title: "Joint PSPO enforcement patrols on Thursdays and Saturdays",
        org: "MPS",
        user: "aisha",
        by: "laura",
        created: [-77, "14:10"],
        due: -20,
        status: "DONE",
        done: [-21, "18:00"],
        outcome: "Six joint patrols: 14 requests to surrender alcohol, 2 fixed penalty notices.",
      },
      {
        key: "A0403",
        title: "Ask High Street off-licences to stop selling single cans of super-strength alcohol",
        org: "KCSAT",
        user: "laura",
        by: "laura",
        created: [-60, "09:00"],
        due: -30,
        status: "DONE",
        done: [-35, "15:00"],
        outcome: "Seven of nine off-licences signed up to the voluntary Reducing the Strength scheme.",
      },
      {
        key: "A0404",
        title: "Housing options assessment for Gary Wilkins",
        org: "KCSAT",
        by: "laura",
        created: [-22, "15:00"],
        due: -8,
        status: "OPEN",
      },
    ],
    notes: [
      {
        at: [-20, "10:00"],
        by: "laura",
        text: "Steven Docherty (police record) and Stephen Doherty (our record) look like the same man: same date of birth. Asked the data team to check and merge.",
      },
    ],
  },
  {
    key: "C05",
    kind: "ASB",
    title: "Kingsmere Late Shop: sales to street drinkers and drug supply",
    summary:
      "The shop sold super-strength alcohol to street drinkers in breach of its licence and was used for drug supply from the rear yard. Drugs warrant executed; closure order granted (business premises, three months); premises licence review applied for.",
    lead: "MPS",
    leadOfficer: "daniel",
    createdBy: "daniel",
    opened: [-158, "11:00"],
    status: "MONITORING",
    risk: "MEDIUM",
    statusChange: { at: [-69, "10:00"], by: "gareth", note: "Closure order granted; the premises are closed for three months." },
    shares: [{ org: "KCSAT", at: [-158, "11:10"], by: "daniel" }],
    people: [["RF", "WITNESS"]],
    locations: ["L16", "L14"],
    actions: [
      {
        key: "A0501",
        title: "Licensing visit and written warning about licence condition 7",
        org: "KCSAT",
        user: "laura",
        by: "daniel",
        created: [-158, "11:20"],
        due: -145,
        status: "DONE",
        done: [-150, "14:00"],
        outcome: "Warning letter served on the premises licence holder.",
      },
      {
        key: "A0502",
        title: "Apply for a closure order at Kingsmere Magistrates' Court",
        org: "MPS",
        user: "gareth",
        by: "daniel",
        created: [-84, "09:00"],
        due: -70,
        status: "DONE",
        done: [-70, "12:30"],
        outcome: "Closure order granted for three months.",
      },
      {
        key: "A0503",
        title: "Apply for a review of the premises licence",
        org: "KCSAT",
        user: "laura",
        by: "daniel",
        created: [-60, "10:00"],
        due: -40,
        status: "DONE",
        done: [-40, "10:00"],
        outcome: "Review application submitted; hearing listed before the licensing sub-committee.",
      },
      {
        key: "A0504",
        title: "Present police evidence at the licensing sub-committee",
        org: "MPS",
        user: "daniel",
        by: "daniel",
        created: [-40, "11:00"],
        due: 15,
        status: "OPEN",
      },
    ],
    notes: [],
  },
  {
    key: "C06",
    kind: "COMMUNITY_TRIGGER",
    title: "ASB case review: parties and rowdiness at 10 Quarry Lane",
    summary:
      "Community Trigger application by Mr Nolan (8 Quarry Lane) about repeated late-night parties at a house in multiple occupation next door. Threshold met (three qualifying complaints in six months). Case review held; recommendations being monitored.",
    lead: "KCSAT",
    leadOfficer: "kwame",
    createdBy: "kwame",
    opened: [-120, "09:30"],
    status: "MONITORING",
    risk: "MEDIUM",
    statusChange: { at: [-94, "09:00"], by: "helen", note: "Case review held; recommendations agreed and being monitored." },
    shares: [{ org: "MPS", at: [-119, "10:00"], by: "kwame" }],
    people: [
      ["PN", "VICTIM"],
      ["JT", "PERPETRATOR"],
    ],
    locations: ["L12", "L13"],
    actions: [
      {
        key: "A0601",
        title: "Acknowledge the application and check it against the threshold",
        org: "KCSAT",
        user: "kwame",
        by: "kwame",
        created: [-120, "09:40"],
        due: -115,
        status: "DONE",
        done: [-118, "12:00"],
        outcome: "Threshold met: three qualifying complaints within six months. Acknowledgement letter sent.",
      },
      {
        key: "A0602",
        title: "Convene the case review panel and invite the applicant's account",
        org: "KCSAT",
        user: "helen",
        by: "kwame",
        created: [-118, "12:05"],
        due: -96,
        status: "DONE",
        done: [-95, "15:00"],
        outcome: "Panel (council, police) met; applicant's written account considered.",
      },
      {
        key: "A0603",
        title: "HMO licence inspection of 10 Quarry Lane",
        org: "KCSAT",
        user: "joseph",
        by: "helen",
        created: [-94, "09:10"],
        due: -70,
        status: "DONE",
        done: [-72, "11:00"],
        outcome:
          "Inspected; landlord served a notice to improve sound insulation and manage tenants' behaviour under the licence conditions.",
      },
      {
        key: "A0604",
        title: "Community Protection Warning to the tenant hosting the parties",
        org: "KCSAT",
        user: "kwame",
        by: "helen",
        created: [-94, "09:15"],
        due: -80,
        status: "DONE",
        done: [-85, "11:00"],
        outcome: "CPW served on Josh Turner.",
      },
      {
        key: "A0605",
        title: "Written update to the applicant on progress against the recommendations",
        org: "KCSAT",
        user: "kwame",
        by: "helen",
        created: [-17, "11:15"],
        due: -10,
        status: "OPEN",
        meeting: "MT01",
      },
    ],
    notes: [
      {
        at: [-120, "09:35"],
        by: "kwame",
        text: "Community Trigger application received by e-mail from Mr Nolan. He is frustrated that three reports to three agencies produced no joined-up response.",
      },
    ],
  },
  {
    key: "C07",
    kind: "MARAC",
    title: "Domestic abuse: Chloe Adams",
    restricted: true,
    summary:
      "High-risk domestic abuse (DASH 16, now 18). Ex-partner Liam Foster, on licence, breaching bail and attending the address at night; history of strangulation. Two children (4 and 7) in the household. Repeat referral after a further incident.",
    lead: "MPS",
    leadOfficer: "sarah",
    createdBy: "sarah",
    opened: [-44, "09:00"],
    status: "OPEN",
    risk: "HIGH",
    shares: [
      { org: "KWA", at: [-44, "09:10"], by: "sarah" },
      { org: "KH", at: [-40, "09:30"], by: "rebecca" },
      { org: "KCSAT", at: [-40, "09:31"], by: "rebecca" },
      { org: "PS", at: [-40, "09:32"], by: "rebecca" },
      { org: "KHC", at: [-40, "09:33"], by: "rebecca" },
    ],
    people: [
      ["CA", "VICTIM"],
      ["LF", "PERPETRATOR"],
    ],
    locations: ["L10"],
    actions: [
      {
        key: "A0701",
        title: "Referral to the IDVA service",
        org: "KWA",
        user: "claire",
        by: "sarah",
        created: [-44, "09:15"],
        due: -42,
        status: "DONE",
        done: [-43, "14:00"],
        outcome: "IDVA made contact the same day; safety planning started.",
      },
      {
        key: "A0702",
        title: "Target-hardening through the Sanctuary scheme (locks, video doorbell, letterbox guard)",
        org: "KH",
        user: "fatima",
        by: "rebecca",
        created: [-24, "13:55"],
        due: -17,
        status: "DONE",
        done: [-19, "12:00"],
        outcome: "Fitted; the victim says she feels safer at night.",
        meeting: "MT02",
      },
      {
        key: "A0703",
        title: "Support the victim to apply for a non-molestation order",
        org: "KWA",
        user: "claire",
        by: "rebecca",
        created: [-24, "13:56"],
        due: -10,
        status: "DONE",
        done: [-12, "16:00"],
        outcome: "Order granted without notice; return date listed.",
        meeting: "MT02",
      },
      {
        key: "A0704",
        title: "Flag the address for an urgent police response",
        org: "MPS",
        user: "sarah",
        by: "rebecca",
        created: [-24, "13:57"],
        due: -23,
        status: "DONE",
        done: [-24, "17:00"],
        outcome: "Flag in place for 12 months.",
        meeting: "MT02",
      },
      {
        key: "A0705",
        title: "Share information with children's social care and the children's schools",
        org: "KCSAT",
        user: "yasmin",
        by: "rebecca",
        created: [-24, "13:58"],
        due: -22,
        status: "DONE",
        done: [-23, "10:00"],
        outcome: "Shared with the MASH and both designated safeguarding leads.",
        meeting: "MT02",
      },
      {
        key: "A0706",
        title: "Review Liam Foster's licence conditions (no contact, exclusion zone)",
        org: "PS",
        user: "grace",
        by: "rebecca",
        created: [-24, "13:59"],
        due: -14,
        status: "OPEN",
        meeting: "MT02",
      },
    ],
    notes: [
      {
        at: [-11, "12:10"],
        by: "claire",
        text: "Further incident (threatening notes on her car). Updated DASH completed with the victim: 18. Re-referred to MARAC as a repeat.",
      },
    ],
  },
  {
    key: "C08",
    kind: "MARAC",
    title: "Domestic abuse: Amina Yusuf",
    restricted: true,
    summary:
      "High-risk domestic abuse (DASH 14): escalating physical abuse over three months, threats to kill and financial control by her husband, Jason Hale. Three children. The victim wants to stay in her home.",
    lead: "KWA",
    leadOfficer: "claire",
    createdBy: "claire",
    opened: [-33, "14:00"],
    status: "OPEN",
    risk: "HIGH",
    shares: [
      { org: "MPS", at: [-31, "10:10"], by: "rebecca" },
      { org: "KH", at: [-31, "10:11"], by: "rebecca" },
      { org: "KHC", at: [-31, "10:12"], by: "rebecca" },
      { org: "KCSAT", at: [-31, "10:13"], by: "rebecca" },
    ],
    people: [
      ["AY", "VICTIM"],
      ["JH", "PERPETRATOR"],
    ],
    locations: ["L11"],
    actions: [
      {
        key: "A0801",
        title: "Safety plan, with a refuge referral if she wants one",
        org: "KWA",
        user: "claire",
        by: "rebecca",
        created: [-24, "14:20"],
        due: -20,
        status: "DONE",
        done: [-21, "15:00"],
        outcome: "The victim chose to stay at home with target-hardening; safety plan agreed.",
        meeting: "MT02",
      },
      {
        key: "A0802",
        title: "Inform the GP and health visitor of the safeguarding concerns",
        org: "KHC",
        user: "nadia",
        by: "rebecca",
        created: [-24, "14:21"],
        due: -18,
        status: "DONE",
        done: [-20, "11:00"],
        outcome: "Both informed; GP record flagged.",
        meeting: "MT02",
      },
      {
        key: "A0803",
        title: "Progress the investigation of the assault reported to police",
        org: "MPS",
        user: "sarah",
        by: "rebecca",
        created: [-24, "14:22"],
        due: -3,
        status: "IN_PROGRESS",
        meeting: "MT02",
      },
      {
        key: "A0804",
        title: "Consider a management transfer",
        org: "KH",
        user: "fatima",
        by: "rebecca",
        created: [-24, "14:23"],
        due: 5,
        status: "OPEN",
        meeting: "MT02",
      },
    ],
    notes: [],
  },
  {
    key: "C09",
    kind: "MARAC",
    title: "Domestic abuse: Rhys Evans",
    restricted: true,
    summary:
      "DASH 11 (below the visible high-risk threshold). Referred on professional judgement: his partner controls his medication, has threatened to out him at work, and he has disclosed suicidal thoughts.",
    lead: "KHC",
    leadOfficer: "nadia",
    createdBy: "nadia",
    opened: [-4, "15:00"],
    status: "OPEN",
    risk: "MEDIUM",
    shares: [{ org: "KCSAT", at: [-3, "16:25"], by: "nadia" }],
    people: [
      ["RE", "VICTIM"],
      ["AC", "PERPETRATOR"],
    ],
    locations: [],
    actions: [
      {
        key: "A0901",
        title: "Offer a referral to a specialist LGBT+ domestic abuse service",
        org: "KHC",
        user: "nadia",
        by: "nadia",
        created: [-4, "15:30"],
        due: 3,
        status: "OPEN",
      },
    ],
    notes: [],
  },
  {
    key: "C10",
    kind: "MARAC",
    title: "Domestic abuse: Ellie Newman (transfer in from Ashcombe)",
    restricted: true,
    summary:
      "Transfer in from Ashcombe MARAC. Ellie (17) has moved to Kingsmere to stay with her aunt; her ex-boyfriend (17) keeps contacting her on social media and has turned up at her college.",
    lead: "KCSAT",
    leadOfficer: "yasmin",
    createdBy: "yasmin",
    opened: [-15, "10:30"],
    status: "OPEN",
    risk: "MEDIUM",
    shares: [
      { org: "ASH", at: [-15, "10:35"], by: "yasmin" },
      { org: "MPS", at: [-14, "09:40"], by: "rebecca" },
      { org: "KWA", at: [-14, "09:41"], by: "rebecca" },
    ],
    people: [
      ["EN", "VICTIM"],
      ["RD", "PERPETRATOR"],
    ],
    locations: [],
    actions: [
      {
        key: "A1001",
        title: "Young people's violence advisor (YPVA) to make contact",
        org: "KWA",
        user: "claire",
        by: "yasmin",
        created: [-14, "10:00"],
        due: -5,
        status: "DONE",
        done: [-8, "16:30"],
        outcome: "Met Ellie at college; safety plan for college and social media agreed.",
      },
      {
        key: "A1002",
        title: "Strategy discussion with children's social care",
        org: "KCSAT",
        user: "yasmin",
        by: "yasmin",
        created: [-14, "10:05"],
        due: 2,
        status: "IN_PROGRESS",
      },
    ],
    notes: [],
  },
  {
    key: "C11",
    kind: "ASB",
    title: "Youths congregating and intimidation, Fennel Park",
    summary:
      "Groups of up to 15 young people gathering by the Fennel Park play area in the evenings: e-bikes on the grass, intimidation of parents and dog walkers, graffiti. Dispersal authorisation used once; diversionary activity offered.",
    lead: "MPS",
    leadOfficer: "aisha",
    createdBy: "aisha",
    opened: [-50, "10:00"],
    status: "OPEN",
    risk: "MEDIUM",
    shares: [
      { org: "KCSAT", at: [-50, "10:10"], by: "aisha" },
      { org: "KH", at: [-44, "09:00"], by: "aisha" },
    ],
    people: [
      ["JC", "PERPETRATOR"],
      ["EB", "PERPETRATOR"],
      ["LS", "PERPETRATOR"],
      ["NH", "VICTIM"],
    ],
    locations: ["L21"],
    actions: [
      {
        key: "A1101",
        title: "Inspector's dispersal authorisation for Friday evening",
        org: "MPS",
        user: "gareth",
        by: "aisha",
        created: [-47, "09:00"],
        due: -46,
        status: "DONE",
        done: [-46, "17:30"],
        outcome: "Authorised for 48 hours from 18:00 under s.34.",
      },
      {
        key: "A1102",
        title: "Warning letters to the households of the youths identified",
        org: "KH",
        user: "owen",
        by: "aisha",
        created: [-44, "09:05"],
        due: -30,
        status: "DONE",
        done: [-30, "11:00"],
        outcome: "Tenancy warning letter to the Brooks household (Ashdown Tower); letters to the other families via the schools.",
      },
      {
        key: "A1103",
        title: "Youth service detached work in Fennel Park on Friday evenings",
        org: "KCSAT",
        user: "laura",
        by: "aisha",
        created: [-30, "10:00"],
        due: -2,
        status: "DONE",
        done: [-14, "21:00"],
        outcome: "Friday football started in the cage; six young people attend.",
      },
      {
        key: "A1104",
        title: "Mobile CCTV camera for the play area",
        org: "KCSAT",
        user: "joseph",
        by: "aisha",
        created: [-40, "10:00"],
        due: -20,
        status: "CANCELLED",
        done: [-21, "10:00"],
        cancelReason: "No redeployable camera until next quarter; patrols increased instead.",
      },
      {
        key: "A1105",
        title: "Cut back the shrubbery by the play area to open up sight lines",
        org: "KCSAT",
        user: "joseph",
        by: "aisha",
        created: [-14, "09:00"],
        due: 7,
        status: "OPEN",
      },
    ],
    notes: [],
  },
  {
    key: "C12",
    kind: "ASB",
    title: "Fly-tipping at Ropemaker Way garages by a clearance firm",
    summary:
      "Commercial fly-tipping behind the Ropemaker Way garages traced to Swift Clearances Ltd. CPN issued to the company; appealed, varied by the court and complied with.",
    lead: "KCSAT",
    leadOfficer: "joseph",
    createdBy: "joseph",
    opened: [-246, "10:00"],
    status: "CLOSED",
    risk: "STANDARD",
    closure: {
      reason: "ENFORCEMENT_COMPLETE",
      note: "CPN complied with after the appeal; no fly-tipping at the garages for three months.",
      at: [-95, "16:00"],
      by: "joseph",
    },
    shares: [{ org: "KH", at: [-246, "10:05"], by: "joseph" }],
    people: [["LA", "PERPETRATOR"]],
    locations: ["L28"],
    actions: [
      {
        key: "A1201",
        title: "Clear the waste and keep the evidence",
        org: "KH",
        user: "owen",
        by: "joseph",
        created: [-246, "10:10"],
        due: -240,
        status: "DONE",
        done: [-243, "12:00"],
        outcome: "Cleared; paperwork and photographs kept for the investigation.",
      },
      {
        key: "A1202",
        title: "Interview the company director under caution",
        org: "KCSAT",
        user: "joseph",
        by: "joseph",
        created: [-240, "09:00"],
        due: -220,
        status: "DONE",
        done: [-218, "11:00"],
        outcome: "Director admitted the firm's van was used; no waste transfer notes could be produced.",
      },
      {
        key: "A1203",
        title: "Issue a Community Protection Notice to Swift Clearances Ltd",
        org: "KCSAT",
        user: "joseph",
        by: "joseph",
        created: [-218, "12:00"],
        due: -210,
        status: "DONE",
        done: [-216, "15:00"],
        outcome: "CPN served on the company at its registered office.",
      },
    ],
    notes: [],
  },
];

// ───────────────────────────── Risk assessments ─────────────────────────────

type RiskSeed = { key: string; case: string; person: string; kind: RiskAssessmentKind; by: string; at: When; notes: string } & (
  { kind: "DASH"; yes: number[] } | { kind: "ASB_MATRIX"; harm: number; likelihood: number }
);

export const RISK_ASSESSMENTS: RiskSeed[] = [
  {
    key: "R01",
    case: "C01",
    person: "ME",
    kind: "ASB_MATRIX",
    harm: 4,
    likelihood: 4,
    by: "kwame",
    at: [-204, "10:00"],
    notes: "Vulnerable, isolated victim; harassment ongoing for months.",
  },
  {
    key: "R02",
    case: "C01",
    person: "ME",
    kind: "ASB_MATRIX",
    harm: 5,
    likelihood: 4,
    by: "kwame",
    at: [-32, "15:00"],
    notes: "Reassessed after the ABC breach; victim's health and confidence deteriorating.",
  },
  {
    key: "R03",
    case: "C02",
    person: "DP",
    kind: "ASB_MATRIX",
    harm: 5,
    likelihood: 4,
    by: "daniel",
    at: [-109, "11:00"],
    notes: "Cuckooing of an adult with a learning disability; financial abuse.",
  },
  {
    key: "R04",
    case: "C03",
    person: "EY",
    kind: "ASB_MATRIX",
    harm: 3,
    likelihood: 4,
    by: "owen",
    at: [-165, "10:00"],
    notes: "Sleep deprivation with a young baby; no other vulnerabilities.",
  },
  {
    key: "R05",
    case: "C07",
    person: "CA",
    kind: "DASH",
    yes: [1, 2, 3, 4, 6, 7, 8, 10, 13, 14, 15, 17, 18, 20, 23, 24],
    by: "sarah",
    at: [-44, "09:20"],
    notes: "Completed with the victim at the scene.",
  },
  {
    key: "R06",
    case: "C07",
    person: "CA",
    kind: "DASH",
    yes: [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16, 17, 18, 20, 23, 24],
    by: "claire",
    at: [-11, "11:30"],
    notes: "Updated after the further incident.",
  },
  {
    key: "R07",
    case: "C08",
    person: "AY",
    kind: "DASH",
    yes: [1, 2, 3, 4, 5, 9, 12, 13, 14, 15, 17, 19, 21, 23],
    by: "claire",
    at: [-33, "14:20"],
    notes: "Completed at the first IDVA appointment.",
  },
  {
    key: "R08",
    case: "C09",
    person: "RE",
    kind: "DASH",
    yes: [2, 3, 4, 5, 8, 13, 15, 20, 21, 23, 24],
    by: "nadia",
    at: [-4, "15:10"],
    notes: "Below the threshold; professional judgement applies (see referral).",
  },
  {
    key: "R09",
    case: "C10",
    person: "EN",
    kind: "DASH",
    yes: [2, 3, 4, 6, 8, 13, 14, 15, 17, 20, 21, 24],
    by: "michael",
    at: [-15, "11:50"],
    notes: "Ashcombe DASH, shared on transfer.",
  },
];

/** DASH: one point per "yes" of the 24 questions; 14 or more is high risk, 10–13 medium. */
export function dashLevel(score: number): RiskLevel {
  return score >= 14 ? "HIGH" : score >= 10 ? "MEDIUM" : "STANDARD";
}

/** ASB matrix: harm (1–5) × likelihood (1–5); 15 or more is high risk, 8–14 medium. */
export function asbMatrixLevel(score: number): RiskLevel {
  return score >= 15 ? "HIGH" : score >= 8 ? "MEDIUM" : "STANDARD";
}

export function riskScore(risk: RiskSeed): { answers: Record<string, unknown>; score: number; level: RiskLevel } {
  if (risk.kind === "DASH") {
    const answers: Record<string, boolean> = {};
    for (let q = 1; q <= 24; q++) answers[`q${q}`] = risk.yes.includes(q);
    const score = Object.values(answers).filter(Boolean).length;
    return { answers, score, level: dashLevel(score) };
  }
  const score = risk.harm * risk.likelihood;
  return { answers: { harm: risk.harm, likelihood: risk.likelihood }, score, level: asbMatrixLevel(score) };
}

// ───────────────────────────── Community Trigger ─────────────────────────────

export const COMMUNITY_TRIGGER = {
  case: "C06",
  applicationDate: -121,
  applicant: "PN",
  reviewDate: -95,
  recommendations:
    "1. Private sector housing to inspect 10 Quarry Lane against its HMO licence conditions and require the landlord to manage tenants' behaviour.\n" +
    "2. A Community Protection Warning to the tenant hosting the parties, with a CPN if it continues.\n" +
    "3. A single point of contact (ASB Officer Kwame Mensah) for Mr Nolan, with fortnightly updates for three months.\n" +
    "4. Police to include Quarry Lane in Friday and Saturday night patrols for six weeks.",
  complaints: [
    { incident: "I33", madeTo: "Kingsmere Council (ASB team)" },
    { incident: "I34", madeTo: "Metropolitan Police" },
    { incident: "I35", madeTo: "Kingsmere Council (environmental health noise team)" },
  ],
  problem: "Noise and rowdy behaviour from parties at 10 Quarry Lane",
};

// ───────────────────────────── Writers ─────────────────────────────

export function numberCases(ctx: SeedContext): void {
  ctx.addReferences(
    numberReferences(
      "CASE",
      CASES.map((c) => ({ key: `case:${c.key}`, at: ctx.clock.when(c.opened) })),
    ),
  );
}

export function lastChangeOf(c: CaseSeed, clock: SeedContext["clock"]): Date {
  const times = [c.opened, c.statusChange?.at, c.closure?.at].filter((w): w is When => Boolean(w)).map((w) => clock.when(w));
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

export async function seedCases(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  for (const c of CASES) {
    const key = `case:${c.key}`;
    const reference = ctx.reference(key);
    const createdAt = clock.when(c.opened);
    const data = {
      reference,
      kind: c.kind,
      title: c.title,
      summary: c.summary,
      leadOrganisationId: ctx.id(`org:${c.lead}`),
      leadOfficerId: ctx.user(c.leadOfficer).id,
      status: c.status,
      closureReason: c.closure?.reason ?? null,
      closureNote: c.closure?.note ?? null,
      closedAt: c.closure ? clock.when(c.closure.at) : null,
      riskLevel: c.risk,
      restricted: c.restricted ?? false,
      createdById: ctx.user(c.createdBy).id,
      // Opened when it was typed in (the reference's year follows it, numberCases).
      openedAt: createdAt,
      updatedAt: lastChangeOf(c, clock),
    };
    const row = await tx.case.upsert({ where: { reference }, create: { id: seedId(key), ...data, createdAt }, update: data });
    ctx.remember(key, row.id);

    for (const share of c.shares) {
      const organisationId = ctx.id(`org:${share.org}`);
      const shareData = { sharedAt: clock.when(share.at), sharedById: ctx.user(share.by).id, withdrawnAt: null };
      await tx.caseShare.upsert({
        where: { caseId_organisationId: { caseId: row.id, organisationId } },
        create: { caseId: row.id, organisationId, ...shareData },
        update: shareData,
      });
    }
    for (const [i, [person, role]] of c.people.entries()) {
      const id = { caseId: row.id, personId: ctx.id(`person:${person}`), role };
      const linkData = { addedAt: addMinutes(createdAt, 1 + i), removedAt: null };
      await tx.casePerson.upsert({ where: { caseId_personId_role: id }, create: { ...id, ...linkData }, update: linkData });
    }
    for (const [i, location] of c.locations.entries()) {
      const id = { caseId: row.id, locationId: ctx.id(`location:${location}`) };
      const linkData = { addedAt: addMinutes(createdAt, 1 + c.people.length + i), removedAt: null };
      await tx.caseLocation.upsert({ where: { caseId_locationId: id }, create: { ...id, ...linkData }, update: linkData });
    }
  }
}

/** Actions come after the meetings, which some of them were agreed at. */
export async function seedActions(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  for (const c of CASES) {
    for (const action of c.actions) {
      const id = seedId(`action:${action.key}`);
      const createdAt = clock.when(action.created);
      const closedAt = action.done ? clock.when(action.done) : null;
      const completedAt = action.status === "DONE" ? closedAt : null;
      const data = {
        caseId: ctx.id(`case:${c.key}`),
        title: action.title,
        detail: action.detail ?? null,
        assignedOrganisationId: ctx.id(`org:${action.org}`),
        assignedUserId: action.user ? ctx.user(action.user).id : null,
        dueDate: clock.day(action.due),
        status: action.status,
        outcome: action.outcome ?? null,
        cancelReason: action.cancelReason ?? null,
        completedAt,
        meetingId: action.meeting ? ctx.id(`meeting:${action.meeting}`) : null,
        createdById: ctx.user(action.by).id,
        updatedAt: closedAt ?? createdAt,
      };
      await tx.caseAction.upsert({ where: { id }, create: { id, ...data, createdAt }, update: data });
      ctx.remember(`action:${action.key}`, id);
    }
  }
}

export async function seedRiskAssessments(ctx: SeedContext): Promise<void> {
  for (const risk of RISK_ASSESSMENTS) {
    const id = seedId(`risk:${risk.key}`);
    const assessor = ctx.user(risk.by);
    const { answers, score, level } = riskScore(risk);
    const data = {
      caseId: ctx.id(`case:${risk.case}`),
      personId: ctx.id(`person:${risk.person}`),
      kind: risk.kind,
      answers: answers as object,
      score,
      level,
      notes: risk.notes,
      assessedById: assessor.id,
      organisationId: assessor.organisationId,
      assessedAt: ctx.clock.when(risk.at),
    };
    await ctx.tx.riskAssessment.upsert({ where: { id }, create: { id, ...data }, update: data });
    ctx.remember(`risk:${risk.key}`, id);
  }
}

export async function seedCommunityTrigger(ctx: SeedContext): Promise<void> {
  const { tx, clock } = ctx;
  const t = COMMUNITY_TRIGGER;
  const caseId = ctx.id(`case:${t.case}`);
  const applicant = ctx.id(`person:${t.applicant}`);
  const data = {
    applicationDate: clock.day(t.applicationDate),
    applicantPersonId: applicant,
    applicantName: "Patrick Nolan",
    thresholdMet: true,
    reviewDate: clock.day(t.reviewDate),
    reviewCarriedOut: true,
    recommendations: t.recommendations,
    escalationRequested: false,
    escalationOutcome: null,
  };
  await tx.communityTrigger.upsert({ where: { caseId }, create: { caseId, ...data }, update: data });
  for (const complaint of t.complaints) {
    const incident = INCIDENTS.find((i) => i.key === complaint.incident)!;
    const occurred = clock.when(incident.when);
    const reported = addMinutes(occurred, incident.after);
    const id = seedId(`qualifying-complaint:${complaint.incident}`);
    const complaintData = {
      triggerCaseId: caseId,
      incidentId: ctx.id(`incident:${complaint.incident}`),
      incidentDate: clock.day(incident.when[0]),
      complaintDate: londonDay(reported),
      madeTo: complaint.madeTo,
      problem: t.problem,
    };
    await tx.qualifyingComplaint.upsert({ where: { id }, create: { id, ...complaintData }, update: complaintData });
  }
}
