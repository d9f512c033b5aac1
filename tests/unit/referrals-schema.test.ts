import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZReferralForm, ZTransferOutForm, ZTriageForm } from "@/lib/referrals/schema";

// The referral forms' rules that need no database: what each decision requires, and what a CCM
// referral cannot carry.

const base = () => ({ submissionKey: randomUUID(), caseId: randomUUID(), reason: "Escalating threats" });

describe("the referral form", () => {
  it("requires a reason for referral", () => {
    const parsed = ZReferralForm.safeParse({ ...base(), panel: "MARAC", reason: "  " });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["reason", "Enter the reason for referral"]);
  });

  it("never accepts a typed repeat ground", () => {
    expect(ZReferralForm.safeParse({ ...base(), panel: "MARAC", grounds: ["PROFESSIONAL_JUDGEMENT", "REPEAT"] }).success).toBe(false);
  });

  it("a CCM referral carries no MARAC grounds, children or transfer, whatever was posted", () => {
    const { input } = ZReferralForm.parse({
      ...base(),
      panel: "CCM",
      grounds: "VISIBLE_HIGH_RISK",
      childrenInHousehold: "2",
      transferDirection: "TRANSFER_IN",
      transferArea: "Ashcombe",
    });
    expect(input).toMatchObject({ grounds: [], childrenInHousehold: null, transferDirection: "NONE", transferArea: null });
  });

  it("a transfer in names the other area; children are a whole number from 0 to 20", () => {
    const transfer = ZReferralForm.safeParse({
      ...base(),
      panel: "MARAC",
      grounds: "POTENTIAL_ESCALATION",
      transferDirection: "TRANSFER_IN",
    });
    expect(transfer.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["transferArea", "Enter the area the case is transferred from"],
    ]);
    expect(ZReferralForm.safeParse({ ...base(), panel: "MARAC", childrenInHousehold: "two" }).success).toBe(false);
    expect(ZReferralForm.parse({ ...base(), panel: "MARAC", childrenInHousehold: "3" }).input.childrenInHousehold).toBe(3);
  });

  it("a transfer out is no longer a kind of referral: it is recorded on the case", () => {
    const out = ZReferralForm.safeParse({
      ...base(),
      panel: "MARAC",
      grounds: "POTENTIAL_ESCALATION",
      transferDirection: "TRANSFER_OUT",
      transferArea: "Ashcombe",
    });
    expect(out.error?.issues.map((i) => i.path.join("."))).toEqual(["transferDirection"]);
  });

  it("the day the referral was made comes from the three boxes; blank means now, a part missing is refused beside the date", () => {
    const dated = ZReferralForm.parse({
      ...base(),
      panel: "CCM",
      "happenedOn-day": "20",
      "happenedOn-month": "4",
      "happenedOn-year": "2020",
    });
    expect(dated.input.happenedOn).toEqual({ year: 2020, month: 4, day: 20 });
    expect(ZReferralForm.parse({ ...base(), panel: "CCM" }).input.happenedOn).toBeNull();
    const partial = ZReferralForm.safeParse({ ...base(), panel: "CCM", "happenedOn-day": "20", "happenedOn-year": "2020" });
    expect(partial.error?.issues.map((i) => i.path.join("."))).toEqual(["happenedOn"]);
  });
});

describe("the transfer-out form", () => {
  it("needs the area, a real date and the reason", () => {
    const parsed = ZTransferOutForm.parse({
      submissionKey: randomUUID(),
      caseId: randomUUID(),
      area: " Ashcombe ",
      "transferredOn-day": "30",
      "transferredOn-month": "6",
      "transferredOn-year": "2020",
      reason: "Moved away",
    });
    expect(parsed.input).toEqual({ area: "Ashcombe", reason: "Moved away", transferredOn: { year: 2020, month: 6, day: 30 } });
    const bad = ZTransferOutForm.safeParse({
      submissionKey: randomUUID(),
      caseId: randomUUID(),
      area: "Ashcombe",
      "transferredOn-day": "31",
      "transferredOn-month": "6",
      "transferredOn-year": "2020",
      reason: "Moved away",
    });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["transferredOn", "The date of the transfer must be a real date"],
    ]);
  });
});

describe("the triage form", () => {
  const decision = (fields: Record<string, string>) => ZTriageForm.safeParse({ referralId: randomUUID(), version: "1", ...fields });

  it("accepting needs a meeting; declining a reason; asking for more information a note", () => {
    expect(decision({ outcome: "ACCEPTED" }).error?.issues[0]?.message).toBe("Select the meeting to list the case at");
    expect(decision({ outcome: "DECLINED" }).error?.issues[0]?.message).toBe("Enter the reason for declining the referral");
    expect(decision({ outcome: "MORE_INFO_REQUESTED" }).error?.issues[0]?.message).toBe("Enter the information you need from the referrer");
    expect(decision({ outcome: "DECLINED", note: "Not high risk" }).success).toBe(true);
  });

  it("a decision other than the three is refused", () => {
    expect(decision({ outcome: "WITHDRAWN", note: "x" }).success).toBe(false);
  });
});
