import type { AsbCategory, AsbType, InvolvementRole, ReportMethod, RiskLevel } from "../../lib/generated/prisma/enums";
import { addMinutes, numberReferences, seedId, type SeedContext, type When } from "./support";

// About sixty ASB reports over the last eighteen months. Most belong to the stories of the demo
// cases; the rest are the everyday background of a borough (fly-tipping, car meets, begging).

type IncidentSeed = {
  key: string;
  when: When;
  /** Minutes between the incident and the report. */
  after: number;
  method: ReportMethod;
  category: AsbCategory;
  type: AsbType;
  location?: string;
  by: string;
  risk?: RiskLevel;
  case?: string;
  people?: [person: string, role: InvolvementRole][];
  text: string;
};

export const INCIDENTS: IncidentSeed[] = [
  // ── Larkhall Gardens: Mrs Ellison, harassed by local teenagers (case C01, repeat victim) ──
  { key: "I01", when: [-420, "21:40"], after: 15, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "daniel", case: "C01",
    people: [["ME", "VICTIM"], ["ME", "REPORTER"]],
    text: "Caller, an elderly woman who lives alone, reports a group of three teenage boys knocking on her door and running away several times between 20:30 and 21:30. She is frightened to answer the door after dark. Words of advice given to the youths, who had left on arrival." },
  { key: "I02", when: [-300, "19:15"], after: 25, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "daniel", risk: "MEDIUM", case: "C01",
    people: [["ME", "VICTIM"], ["CR", "PERPETRATOR"]],
    text: "Eggs thrown at the front window of 14 Larkhall Gardens. The victim recognised two of the youths from the street and named one as Callum. She says this has been happening on and off since last winter and she no longer sleeps well." },
  { key: "I03", when: [-210, "16:50"], after: 180, method: "ONLINE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "kwame", risk: "MEDIUM", case: "C01",
    people: [["ME", "VICTIM"], ["CR", "PERPETRATOR"], ["JM", "PERPETRATOR"], ["WC", "REPORTER"], ["WC", "WITNESS"]],
    text: "Online report from the neighbour at no. 16: youths shouting abuse at the elderly resident of no. 14 from the pavement, calling her a witch and filming her on a phone. The reporter is worried about her welfare; she has stopped going to the shops." },
  { key: "I04", when: [-130, "22:05"], after: 10, method: "PHONE", category: "PERSONAL", type: "CRIMINAL_DAMAGE_GRAFFITI", location: "L05", by: "daniel", risk: "HIGH", case: "C01",
    people: [["ME", "VICTIM"], ["WC", "WITNESS"], ["CR", "PERPETRATOR"]],
    text: "Wheelie bin outside 14 Larkhall Gardens set alight and pushed against the front fence. LFB attended and put the fire out; the fence is scorched. The victim was very distressed. Neighbour saw two youths running towards Fennel Park, one believed to be Callum Reid." },
  { key: "I05", when: [-130, "22:20"], after: 60, method: "PARTNER_REFERRAL", category: "PERSONAL", type: "CRIMINAL_DAMAGE_GRAFFITI", location: "L05", by: "sean", risk: "HIGH", case: "C01",
    people: [["ME", "VICTIM"]],
    text: "Crew attended a deliberate refuse fire against the front fence of a bungalow occupied by an 82-year-old woman with limited mobility. No smoke alarm on the ground floor. Home fire safety visit booked and referral made to the council ASB team." },
  { key: "I06", when: [-75, "20:30"], after: 20, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "aisha", risk: "MEDIUM", case: "C01",
    people: [["ME", "VICTIM"], ["CR", "PERPETRATOR"]],
    text: "Stones thrown at the victim's back door and a youth shouting through the letterbox. PCSO attended; the victim was tearful and said she wants to move. Safeguarding adults referral made." },
  { key: "I07", when: [-33, "18:10"], after: 30, method: "IN_PERSON", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "kwame", risk: "HIGH", case: "C01",
    people: [["ME", "VICTIM"], ["CR", "PERPETRATOR"]],
    text: "During a welfare visit the victim reported the same youths sitting on her front wall and blocking her path when she came back from the pharmacy. She named Callum Reid. This breaches his Acceptable Behaviour Contract." },
  { key: "I08", when: [-9, "21:15"], after: 10, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L05", by: "daniel", risk: "HIGH", case: "C01",
    people: [["ME", "VICTIM"], ["CR", "PERPETRATOR"], ["JM", "PERPETRATOR"]],
    text: "Loud banging on the victim's door and windows at about 21:00; the callers ran off laughing. The video doorbell fitted by the council recorded two youths, believed to be Callum Reid and Jordan Mills. Footage downloaded." },

  // ── Harker House: cuckooing of Mr Pike (case C02) ──
  { key: "I09", when: [-140, "14:20"], after: 90, method: "PARTNER_REFERRAL", category: "PERSONAL", type: "DRUG_USE_DEALING", location: "L07", by: "fatima", risk: "HIGH", case: "C02",
    people: [["DP", "VICTIM"], ["KD", "PERPETRATOR"]],
    text: "Tenancy visit to Flat 7: the tenant, who has a learning disability, seemed anxious. Two young men in the flat would not give their names. Strong smell of cannabis and several phones on the table. Neighbours report visitors at all hours. Possible cuckooing." },
  { key: "I10", when: [-128, "01:30"], after: 5, method: "PHONE", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L01", by: "tom", risk: "MEDIUM", case: "C02",
    text: "Anonymous caller reports people coming and going from Flat 7 Harker House through the night, short visits, and suspected dealing in the stairwell." },
  { key: "I11", when: [-110, "23:10"], after: 0, method: "PATROL", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L01", by: "tom", risk: "HIGH", case: "C02",
    people: [["KD", "PERPETRATOR"], ["DP", "OTHER"]],
    text: "Stop and search in the Harker House stairwell: male (Kyle Denton) found with 12 wraps of suspected crack cocaine and £420 in cash. Arrested. Said he was visiting a mate at Flat 7." },
  { key: "I12", when: [-98, "15:00"], after: 120, method: "PARTNER_REFERRAL", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L07", by: "nadia", risk: "HIGH", case: "C02",
    people: [["DP", "VICTIM"], ["KD", "PERPETRATOR"]],
    text: "Community learning disability nurse reports that Mr Pike disclosed that 'friends' have taken his bank card and keys and that he sleeps in the kitchen when they are there. He is frightened to ask them to leave." },
  { key: "I13", when: [-60, "19:45"], after: 25, method: "PHONE", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L01", by: "owen", risk: "MEDIUM", case: "C02",
    people: [["BO", "REPORTER"], ["BO", "WITNESS"], ["KD", "PERPETRATOR"]],
    text: "Resident reports two men trying to get into Flat 7 while the closure order is in force; they left when the concierge challenged them. One matched the description of Kyle Denton." },
  { key: "I14", when: [-20, "17:35"], after: 0, method: "PATROL", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L01", by: "daniel", risk: "HIGH", case: "C02",
    people: [["KD", "PERPETRATOR"]],
    text: "Kyle Denton found in the lobby of Harker House, inside the exclusion zone of his civil injunction. Arrested under the power of arrest attached to the injunction and brought before the county court the next day." },
  { key: "I15", when: [-27, "22:30"], after: 0, method: "PATROL", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L22", by: "aisha", risk: "MEDIUM",
    people: [["KD", "PERPETRATOR"]],
    text: "Patrol of the Brimstone Bridge towpath after reports of dealing. Kyle Denton seen with two younger males, who left on e-bikes. Intelligence report submitted." },

  // ── Cordwainer Court: noise from Flat 12 (case C03) ──
  { key: "I16", when: [-170, "00:40"], after: 20, method: "PHONE", category: "NUISANCE", type: "NOISE", location: "L08", by: "owen", case: "C03",
    people: [["EY", "VICTIM"], ["EY", "REPORTER"], ["RB", "PERPETRATOR"]],
    text: "Loud amplified music and shouting from Flat 12 until 03:00 on a weeknight. The complainant at Flat 11 has a baby and says this is the fourth time this month." },
  { key: "I17", when: [-150, "01:15"], after: 480, method: "ONLINE", category: "NUISANCE", type: "NOISE", location: "L08", by: "kwame", case: "C03",
    people: [["EY", "VICTIM"], ["RB", "PERPETRATOR"], ["TN", "WITNESS"]],
    text: "Noise app recordings submitted at 01:10 and 02:30: bass-heavy music from Flat 12. The out-of-hours noise team witnessed the music from the communal landing and judged it a statutory nuisance." },
  { key: "I18", when: [-118, "23:50"], after: 15, method: "PHONE", category: "NUISANCE", type: "NOISE", location: "L08", by: "owen", case: "C03",
    people: [["EY", "VICTIM"], ["RB", "PERPETRATOR"]],
    text: "Music and shouting from Flat 12 again, two days after the Community Protection Warning was served. Complainant kept a noise diary for the week." },
  { key: "I19", when: [-95, "02:10"], after: 10, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L08", by: "tom", risk: "MEDIUM", case: "C03",
    people: [["EY", "VICTIM"], ["RB", "PERPETRATOR"]],
    text: "Party at Flat 12: guests urinating in the stairwell. When the complainant asked them to turn the music down her front door was kicked and she was sworn at." },
  { key: "I20", when: [-41, "00:20"], after: 0, method: "PATROL", category: "NUISANCE", type: "NOISE", location: "L08", by: "kwame", case: "C03",
    people: [["RB", "PERPETRATOR"], ["EY", "VICTIM"]],
    text: "Out-of-hours noise officer witnessed amplified music from Flat 12 at 00:20, in breach of condition 1 of the Community Protection Notice. Fixed penalty notice issued to Mr Baxter at the door." },
  { key: "I21", when: [-13, "01:40"], after: 20, method: "PHONE", category: "NUISANCE", type: "NOISE", location: "L08", by: "owen", case: "C03",
    people: [["RB", "PERPETRATOR"], ["EY", "VICTIM"], ["TN", "WITNESS"]],
    text: "Loud music from Flat 12 until 04:00: a second breach of the Community Protection Notice. Statements taken from two neighbours; file passed to council legal services for prosecution." },

  // ── Market Square: street drinking (case C04, town centre PSPO) ──
  { key: "I22", when: [-330, "15:30"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "aisha", case: "C04",
    people: [["GW", "PERPETRATOR"], ["SD", "PERPETRATOR"]],
    text: "Group of six to eight adults drinking in Market Square from mid-morning. Empty cans and bottles left round the benches; two men urinating in the alley behind the bank." },
  { key: "I23", when: [-240, "13:10"], after: 40, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L20", by: "laura", case: "C04",
    people: [["KA", "VICTIM"], ["KA", "REPORTER"], ["GW", "PERPETRATOR"]],
    text: "Market trader reports aggressive behaviour from street drinkers. He was sworn at and threatened when he asked them to move away from his stall." },
  { key: "I24", when: [-180, "17:45"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "aisha", case: "C04",
    people: [["GW", "PERPETRATOR"]],
    text: "Gary Wilkins asked to surrender an open can of strong lager in the PSPO area; he complied. Advice given about the Kingsmere Recovery Hub." },
  { key: "I25", when: [-76, "12:30"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "laura", case: "C04",
    people: [["GW", "PERPETRATOR"]],
    text: "Gary Wilkins drinking and shouting at passers-by by the bus stops. Third request to surrender alcohol this month; Community Protection Warning served." },
  { key: "I26", when: [-51, "16:20"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "aisha", case: "C04",
    people: [["SD2", "PERPETRATOR"]],
    text: "Male gave his name as Steven Docherty; refused to surrender alcohol in the PSPO area. Fixed penalty notice issued." },
  { key: "I27", when: [-22, "14:05"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "laura", case: "C04",
    people: [["GW", "PERPETRATOR"]],
    text: "Gary Wilkins refused to surrender alcohol and became abusive. PSPO fixed penalty notice issued. Referral to the CCM for a coordinated offer of treatment and housing." },
  { key: "I28", when: [-6, "11:40"], after: 95, method: "ONLINE", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "laura", case: "C04",
    text: "Online report: people drinking and shouting on the benches by the bus stops in Market Square at 11:00; parents with young children crossing the road to avoid them." },

  // ── Kingsmere Late Shop (case C05) ──
  { key: "I29", when: [-160, "20:30"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L16", by: "daniel", case: "C05",
    text: "Test purchase operation with council licensing: single cans of super-strength cider sold to visibly drunk street drinkers at the Kingsmere Late Shop, contrary to condition 7 of the premises licence." },
  { key: "I30", when: [-110, "21:45"], after: 60, method: "PHONE", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L16", by: "daniel", case: "C05",
    people: [["RF", "REPORTER"]],
    text: "Resident of the flat above no. 120 reports drug dealing from the rear yard of the Kingsmere Late Shop, with customers arriving on mopeds every few minutes in the evening." },
  { key: "I31", when: [-85, "23:20"], after: 0, method: "PATROL", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L16", by: "daniel", risk: "HIGH", case: "C05",
    text: "Drugs warrant executed at the Kingsmere Late Shop: cannabis and crack cocaine found in the stockroom; two members of staff arrested. Closure notice to be considered by the inspector." },
  { key: "I32", when: [-74, "19:00"], after: 10, method: "PHONE", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L16", by: "tom", risk: "MEDIUM", case: "C05",
    people: [["RF", "WITNESS"]],
    text: "Fight outside the Kingsmere Late Shop between customers; a glass bottle was thrown. Staff refused to call the police and closed the shutters." },

  // ── Quarry Lane: the complaints behind the Community Trigger (case C06) ──
  { key: "I33", when: [-190, "23:30"], after: 600, method: "ONLINE", category: "NUISANCE", type: "NOISE", location: "L13", by: "kwame", case: "C06",
    people: [["PN", "REPORTER"], ["PN", "VICTIM"], ["JT", "PERPETRATOR"]],
    text: "Loud parties at 10 Quarry Lane, a house in multiple occupation: music and people shouting in the street until 03:00. The reporter at no. 8 says nobody has responded to his earlier calls." },
  { key: "I34", when: [-160, "00:15"], after: 15, method: "PHONE", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L13", by: "tom", case: "C06",
    people: [["PN", "VICTIM"], ["PN", "REPORTER"], ["JT", "PERPETRATOR"]],
    text: "Caller at 8 Quarry Lane reports guests leaving a party at no. 10 fighting in the street and kicking the wing mirrors of parked cars." },
  { key: "I35", when: [-135, "22:50"], after: 1440, method: "EMAIL", category: "NUISANCE", type: "NOISE", location: "L13", by: "joseph", case: "C06",
    people: [["PN", "VICTIM"], ["PN", "REPORTER"], ["JT", "PERPETRATOR"]],
    text: "E-mailed noise complaint about another late party at 10 Quarry Lane. The complainant says this is the third time he has reported the problem and asks for an ASB case review (Community Trigger)." },

  // ── Pelham Terrace (MARAC case C07; restricted) ──
  { key: "I36", when: [-45, "22:40"], after: 5, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L10", by: "sarah", risk: "HIGH", case: "C07",
    people: [["CA", "VICTIM"], ["LF", "PERPETRATOR"]],
    text: "Ex-partner of the occupier repeatedly outside the house late at night, shouting and banging on the door, in breach of bail conditions. Two children in the house. Suspect left before police arrived." },
  { key: "I37", when: [-12, "07:15"], after: 90, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L10", by: "sarah", risk: "HIGH", case: "C07",
    people: [["CA", "VICTIM"], ["LF", "PERPETRATOR"]],
    text: "Threatening notes left on the victim's car windscreen overnight. Neighbour's doorbell camera shows a man matching the ex-partner's description at 03:40. Further MARAC referral (repeat)." },

  // ── Fennel Park: youths congregating (case C11) ──
  { key: "I38", when: [-70, "19:30"], after: 20, method: "PHONE", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L21", by: "aisha", case: "C11",
    text: "Group of 10 to 15 youths gathering by the play area in Fennel Park, riding e-bikes across the grass and shouting at dog walkers. Some appeared to be drinking." },
  { key: "I39", when: [-52, "20:10"], after: 200, method: "ONLINE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L21", by: "aisha", risk: "MEDIUM", case: "C11",
    people: [["NH", "VICTIM"], ["NH", "REPORTER"]],
    text: "Parent reports being surrounded and intimidated by youths at the play area; her son's scooter was taken. She no longer takes her children to the park in the evening." },
  { key: "I40", when: [-46, "21:00"], after: 0, method: "PATROL", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L21", by: "daniel", case: "C11",
    people: [["JC", "PERPETRATOR"], ["EB", "PERPETRATOR"], ["LS", "PERPETRATOR"]],
    text: "48-hour dispersal authorisation in force for Fennel Park and the surrounding streets. Directions to leave given to four youths, including Jayden Clarke and Ethan Brooks." },
  { key: "I41", when: [-45, "20:40"], after: 0, method: "PATROL", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L21", by: "aisha", case: "C11",
    people: [["EB", "PERPETRATOR"]],
    text: "Ethan Brooks back in Fennel Park within the dispersal period; arrested for failing to comply with a dispersal direction." },
  { key: "I42", when: [-28, "18:00"], after: 900, method: "PHONE", category: "ENVIRONMENTAL", type: "CRIMINAL_DAMAGE_GRAFFITI", location: "L21", by: "joseph", case: "C11",
    text: "Graffiti tags sprayed on the play area fence and the café shutters in Fennel Park. Rapid-response graffiti team cleaned them the same week." },
  { key: "I43", when: [-14, "19:20"], after: 0, method: "PATROL", category: "NUISANCE", type: "OTHER", location: "L21", by: "aisha", case: "C11",
    people: [["JC", "OTHER"]],
    text: "Joint patrol with the youth service: a small group, no problems. Friday football at the Fennel Park cage offered as a diversionary activity; Jayden Clarke signed up." },

  // ── Ropemaker Way garages: fly-tipping by a clearance firm (case C12, closed) ──
  { key: "I44", when: [-262, "08:30"], after: 45, method: "ONLINE", category: "ENVIRONMENTAL", type: "LITTERING_FLY_TIPPING", location: "L28", by: "joseph", case: "C12",
    text: "Large fly-tip behind the Ropemaker Way garages: builder's rubble, a sofa and about 20 black sacks of household waste. Paperwork in the waste links it to a house clearance firm." },
  { key: "I45", when: [-246, "07:50"], after: 60, method: "PHONE", category: "ENVIRONMENTAL", type: "LITTERING_FLY_TIPPING", location: "L28", by: "owen", case: "C12",
    people: [["LA", "PERPETRATOR"]],
    text: "Another fly-tip at the same spot. Kingsmere Homes CCTV captured the van's registration; it is registered to Swift Clearances Ltd, director Lee Ashworth." },
  { key: "I46", when: [-218, "09:10"], after: 30, method: "PATROL", category: "ENVIRONMENTAL", type: "LITTERING_FLY_TIPPING", location: "L28", by: "joseph", case: "C12",
    people: [["LA", "PERPETRATOR"]],
    text: "Mattresses and garden waste dumped at the garages. Interview under caution with the director of Swift Clearances Ltd; Community Protection Notice issued to the company." },

  // ── Ashdown Tower: a neighbour dispute that became a hate incident ──
  { key: "I47", when: [-152, "17:30"], after: 30, method: "PHONE", category: "PERSONAL", type: "INTIMIDATION_HARASSMENT", location: "L04", by: "tom", risk: "HIGH",
    people: [["FA", "VICTIM"], ["WS", "PERPETRATOR"]],
    text: "Resident who uses a wheelchair assaulted in the lift of Ashdown Tower by a neighbour after an argument about the lift being held. Suspect Wayne Sutton arrested; later convicted of assault." },
  { key: "I48", when: [-18, "10:00"], after: 240, method: "IN_PERSON", category: "PERSONAL", type: "HATE_MOTIVATED", location: "L04", by: "owen", risk: "HIGH",
    people: [["FA", "VICTIM"], ["FA", "REPORTER"], ["WS", "PERPETRATOR"]],
    text: "Mr Adebayo reports homophobic abuse shouted at him in the lobby and a note pushed under his door. He believes it is from the same neighbour. Recorded as a hate incident and passed to police." },
  { key: "I49", when: [-40, "03:20"], after: 0, method: "PARTNER_REFERRAL", category: "NUISANCE", type: "CRIMINAL_DAMAGE_GRAFFITI", location: "L04", by: "sean", risk: "MEDIUM",
    text: "Deliberate fire in the bin chute room of Ashdown Tower; residents of floors 1 and 2 moved out while crews ventilated the stairwell. Third chute fire on the Marlowe Estate this year." },

  // ── Hate-motivated graffiti ──
  { key: "I50", when: [-350, "07:40"], after: 20, method: "PHONE", category: "PERSONAL", type: "HATE_MOTIVATED", location: "L27", by: "tom", risk: "HIGH",
    people: [["YK", "VICTIM"], ["YK", "REPORTER"]],
    text: "Racist and Islamophobic graffiti sprayed on the side wall and door of Kingsmere Community Centre overnight. Photographed for evidence, then removed by the council's graffiti team within four hours. Recorded as a hate crime." },
  { key: "I51", when: [-96, "08:15"], after: 30, method: "ONLINE", category: "NUISANCE", type: "HATE_MOTIVATED", location: "L26", by: "joseph", risk: "MEDIUM",
    text: "Antisemitic graffiti in the Tanner's Way underpass reported by a commuter. Removed the same day; police informed and the underpass added to the patrol plan." },

  // ── Everyday background ──
  { key: "I52", when: [-520, "15:00"], after: 0, method: "PATROL", category: "NUISANCE", type: "STREET_DRINKING", location: "L20", by: "aisha",
    text: "Street drinkers on the benches in Market Square; bottles smashed near the fountain. Area cleared and broken glass reported for cleansing." },
  { key: "I53", when: [-505, "18:20"], after: 1300, method: "ONLINE", category: "ENVIRONMENTAL", type: "LITTERING_FLY_TIPPING", location: "L03", by: "owen",
    text: "Fly-tipping in the Marlowe Estate bin store: a fridge-freezer and bags of clothes. Removed by the estate services team." },
  { key: "I54", when: [-470, "23:10"], after: 15, method: "PHONE", category: "NUISANCE", type: "NOISE", location: "L17", by: "tom",
    text: "Residents of Dockhead Road report loud music and customers shouting outside The Crown and Anchor after closing time. Licensee spoken to." },
  { key: "I55", when: [-440, "16:30"], after: 0, method: "PATROL", category: "NUISANCE", type: "ROWDY_INCONSIDERATE", location: "L25", by: "aisha",
    text: "School-age youths throwing food and pushing at the Peckwater Road bus stop after school; bus driver refused to pick up. Names taken and schools informed." },
  { key: "I56", when: [-400, "02:00"], after: 30, method: "PHONE", category: "NUISANCE", type: "VEHICLE_NUISANCE", location: "L18", by: "tom",
    text: "Car meet in the Ryevale Retail Park car park: over 40 cars, revving engines and wheel spins until 01:30. Residents of Ryevale Road kept awake." },
  { key: "I57", when: [-300, "23:40"], after: 0, method: "PATROL", category: "NUISANCE", type: "VEHICLE_NUISANCE", location: "L18", by: "daniel",
    people: [["CW", "PERPETRATOR"]],
    text: "Second car meet this month at Ryevale Retail Park. Connor Walsh seen doing donuts in a modified hatchback; Section 59 warning issued for the vehicle." },
  { key: "I58", when: [-280, "13:20"], after: 0, method: "PATROL", category: "NUISANCE", type: "BEGGING", location: "L24", by: "aisha",
    people: [["SK", "PERPETRATOR"]],
    text: "Aggressive begging at the ticket machines of Kingsmere Rye station; passengers followed to the barriers. Stuart Kemp reminded of the conditions of his Criminal Behaviour Order." },
  { key: "I59", when: [-90, "08:05"], after: 0, method: "PATROL", category: "NUISANCE", type: "BEGGING", location: "L24", by: "aisha", risk: "MEDIUM",
    people: [["SK", "PERPETRATOR"]],
    text: "Stuart Kemp begging inside the station concourse, in breach of his Criminal Behaviour Order (not to beg within Kingsmere Rye station). Arrested and charged with the breach." },
  { key: "I60", when: [-235, "10:30"], after: 120, method: "EMAIL", category: "ENVIRONMENTAL", type: "LITTERING_FLY_TIPPING", location: "L23", by: "joseph",
    text: "Litter and disposable barbecues left across Kingsmere Common after a hot weekend; a scorched patch of grass by the pond. Extra bins requested for the summer." },
  { key: "I61", when: [-65, "21:50"], after: 20, method: "PHONE", category: "NUISANCE", type: "DRUG_USE_DEALING", location: "L22", by: "tom",
    text: "Cannabis smoking and suspected dealing on the towpath at Brimstone Bridge; cyclists verbally abused when they asked the group to move." },
  { key: "I62", when: [-3, "16:45"], after: 30, method: "PHONE", category: "NUISANCE", type: "BEGGING", location: "L24", by: "tom",
    text: "Station staff report a man begging at the barriers and following passengers on to the platform. Left before officers arrived; description passed to the Safer Neighbourhood Team." },
];

export function numberIncidents(ctx: SeedContext): void {
  ctx.addReferences(
    numberReferences(
      "INC",
      INCIDENTS.map((i) => ({ key: `incident:${i.key}`, at: addMinutes(ctx.clock.when(i.when), i.after) })),
    ),
  );
}

export async function seedIncidents(ctx: SeedContext): Promise<void> {
  for (const incident of INCIDENTS) {
    const key = `incident:${incident.key}`;
    const officer = ctx.user(incident.by);
    const occurredAt = ctx.clock.when(incident.when);
    const reportedAt = addMinutes(occurredAt, incident.after);
    const reference = ctx.reference(key);
    const data = {
      reference,
      occurredAt,
      reportedAt,
      reportMethod: incident.method,
      category: incident.category,
      type: incident.type,
      description: incident.text,
      locationId: incident.location ? ctx.id(`location:${incident.location}`) : null,
      reportingOrganisationId: officer.organisationId,
      reportingOfficerId: officer.id,
      riskLevel: incident.risk ?? "STANDARD",
      caseId: incident.case ? ctx.id(`case:${incident.case}`) : null,
      updatedAt: reportedAt,
    };
    const row = await ctx.tx.incident.upsert({
      where: { reference },
      create: { id: seedId(key), ...data, createdAt: reportedAt },
      update: data,
    });
    ctx.remember(key, row.id);
    for (const [person, role] of incident.people ?? []) {
      const link = { incidentId: row.id, personId: ctx.id(`person:${person}`), role };
      await ctx.tx.incidentPerson.upsert({ where: { incidentId_personId_role: link }, create: link, update: {} });
    }
  }
}
