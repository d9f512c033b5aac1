import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  changeNotBefore,
  checkTransition,
  choicesNow,
  effectiveStatus,
  inForceOn,
  statusAt,
  statusChoices,
} from "@/lib/powers/lifecycle";
import { roleHas } from "@/lib/auth/permissions";
import { fromLondonLocal } from "@/lib/format/dates";

const appealable = { appealable: true };
const notAppealable = { appealable: false };
const day = (y: number, m: number, d: number) => fromLondonLocal(y, m, d);

describe("power lifecycle", () => {
  it("an issued power can be complied with, breached, appealed, varied, discharged, expired or withdrawn", () => {
    expect(allowedTransitions("ISSUED", appealable).sort()).toEqual([
      "APPEALED",
      "BREACHED",
      "COMPLIED",
      "DISCHARGED",
      "EXPIRED",
      "VARIED",
      "WITHDRAWN",
    ]);
  });

  it("a power whose kind cannot be appealed is never marked as under appeal", () => {
    expect(allowedTransitions("ISSUED", notAppealable)).not.toContain("APPEALED");
    expect(checkTransition("ISSUED", "APPEALED", notAppealable)).toEqual({ ok: false, message: "This kind of power cannot be appealed" });
  });

  it("a varied power moves on like an issued one, and can be varied again", () => {
    expect(allowedTransitions("VARIED", appealable)).toEqual(allowedTransitions("ISSUED", appealable));
    expect(checkTransition("VARIED", "VARIED", appealable).ok).toBe(true);
  });

  it("a breached power can be breached again, complied with, varied, discharged, expired or withdrawn, but not appealed", () => {
    expect(allowedTransitions("BREACHED", appealable).sort()).toEqual([
      "BREACHED",
      "COMPLIED",
      "DISCHARGED",
      "EXPIRED",
      "VARIED",
      "WITHDRAWN",
    ]);
  });

  it("an appeal ends with the power issued again (dismissed), varied, discharged or withdrawn", () => {
    expect(allowedTransitions("APPEALED", appealable).sort()).toEqual(["DISCHARGED", "ISSUED", "VARIED", "WITHDRAWN"]);
    expect(checkTransition("APPEALED", "COMPLIED", appealable).ok).toBe(false);
  });

  it("complied with, discharged, expired and withdrawn are final", () => {
    for (const from of ["COMPLIED", "DISCHARGED", "EXPIRED", "WITHDRAWN"] as const) {
      expect(allowedTransitions(from, appealable)).toEqual([]);
      const check = checkTransition(from, "ISSUED", appealable);
      expect(check.ok).toBe(false);
    }
    expect(checkTransition("EXPIRED", "WITHDRAWN", appealable)).toEqual({
      ok: false,
      message: "This power is expired, so its status cannot change. Record a new power if more is needed.",
    });
  });

  it("the status form never offers a breach: breaches are recorded with their date and action", () => {
    expect(statusChoices("ISSUED", appealable)).not.toContain("BREACHED");
  });

  it("a power past its expiry date reads as expired before the expiry job has run", () => {
    const now = new Date("2026-12-04T10:00:00Z");
    expect(effectiveStatus({ status: "ISSUED", expiresAt: day(2026, 12, 3) }, now)).toBe("EXPIRED");
    expect(effectiveStatus({ status: "BREACHED", expiresAt: day(2026, 12, 3) }, now)).toBe("EXPIRED");
    expect(effectiveStatus({ status: "WITHDRAWN", expiresAt: day(2026, 12, 3) }, now)).toBe("WITHDRAWN");
    expect(effectiveStatus({ status: "ISSUED", expiresAt: day(2026, 12, 5) }, now)).toBe("ISSUED");
    expect(effectiveStatus({ status: "ISSUED", expiresAt: null }, now)).toBe("ISSUED");
  });
});

describe("was the power in force on the breach date", () => {
  const power = { issuedAt: day(2026, 6, 1), expiresAt: day(2026, 12, 3), history: [] };

  it("from the day it was issued until the start of its expiry date", () => {
    expect(inForceOn(power, day(2026, 6, 1)).ok).toBe(true);
    expect(inForceOn(power, day(2026, 12, 2)).ok).toBe(true);
    expect(inForceOn(power, day(2026, 12, 3))).toEqual({
      ok: false,
      message: "The power was not in force on that date: it expired on 03/12/2026",
    });
    expect(inForceOn(power, day(2026, 5, 31))).toEqual({
      ok: false,
      message: "The power was not in force on that date: it was issued on 01/06/2026",
    });
  });

  it("not after it was withdrawn or discharged, whichever came first", () => {
    const withdrawn = {
      ...power,
      history: [
        { toStatus: "ISSUED" as const, changedAt: day(2026, 6, 1) },
        { toStatus: "WITHDRAWN" as const, changedAt: new Date("2026-08-10T09:00:00Z") },
      ],
    };
    expect(inForceOn(withdrawn, day(2026, 8, 10)).ok).toBe(true);
    expect(inForceOn(withdrawn, day(2026, 8, 11))).toEqual({
      ok: false,
      message: "The power was not in force on that date: it was withdrawn on 10/08/2026",
    });
  });
});

describe("managing the kinds of power", () => {
  it("only administrators may add kinds of power", () => {
    expect(roleHas("ADMIN", "power-kind:manage")).toBe(true);
    for (const role of ["MANAGER", "CHAIR", "OFFICER", "VIEWER"]) expect(roleHas(role, "power-kind:manage")).toBe(false);
  });
});

describe("a status change recorded afterwards (lib/history)", () => {
  const issued = { id: "1", fromStatus: null, toStatus: "ISSUED" as const, changedAt: day(2018, 5, 1), changedById: "officer" };
  const expiredAutomatically = {
    id: "2",
    fromStatus: "ISSUED" as const,
    toStatus: "EXPIRED" as const,
    changedAt: day(2026, 12, 7),
    changedById: null,
  };
  const power = { status: "ISSUED" as const, issuedAt: day(2018, 5, 1), expiresAt: day(2020, 5, 1), history: [issued] };

  it("is not dated before the power was issued, nor before its last recorded change, whatever the service marked by itself", () => {
    expect(changeNotBefore(power)).toEqual({ at: day(2018, 5, 1), what: "the power was issued" });
    const appealed = {
      id: "3",
      fromStatus: "ISSUED" as const,
      toStatus: "APPEALED" as const,
      changedAt: day(2018, 6, 1),
      changedById: "officer",
    };
    expect(changeNotBefore({ ...power, status: "APPEALED", history: [issued, appealed] })).toEqual({
      at: day(2018, 6, 1),
      what: "its status last changed (to under appeal)",
    });
    expect(changeNotBefore({ ...power, status: "EXPIRED", history: [issued, expiredAutomatically] }).what).toBe("the power was issued");
  });

  it("meets the power as it was then: before its expiry date it was running, and the service's own expiry is set aside", () => {
    const expired = { ...power, status: "EXPIRED" as const, history: [issued, expiredAutomatically] };
    expect(statusAt(expired, day(2018, 10, 1))).toEqual({ from: "ISSUED", setsAside: expiredAutomatically, expiredByDate: false });
    expect(statusAt(expired, day(2020, 6, 1))).toEqual({ from: "EXPIRED", setsAside: null, expiredByDate: true });
    // Marked expired by someone: that is a record, and final.
    const marked = { ...expiredAutomatically, changedById: "officer" };
    expect(statusAt({ ...expired, history: [issued, marked] }, day(2018, 10, 1))).toEqual({
      from: "EXPIRED",
      setsAside: null,
      expiredByDate: false,
    });
  });

  it("a power ended by its expiry date alone still offers the changes it could have made before then", () => {
    const expired = { ...power, status: "EXPIRED" as const, history: [issued, expiredAutomatically], kind: notAppealable };
    const offered = choicesNow(expired, day(2026, 12, 7));
    expect(offered.expiredOn).toEqual(day(2020, 5, 1));
    expect(offered.choices).toContain("DISCHARGED");
    expect(offered.choices).not.toContain("EXPIRED");
    expect(choicesNow({ ...power, kind: notAppealable }, day(2019, 1, 1)).expiredOn).toBeNull();
  });
});
