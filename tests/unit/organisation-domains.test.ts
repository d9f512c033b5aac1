import { describe, expect, it } from "vitest";
import { emailInDomains } from "@/lib/organisations/domains";
import { ZOrganisationForm } from "@/lib/organisations/schema";

describe("an organisation's e-mail domains", () => {
  it("an address is in a domain only when its part after @ is exactly that domain", () => {
    const domains = ["met.kingsmere.example"];
    expect(emailInDomains("Tom.Fletcher@MET.kingsmere.example", domains)).toBe(true);
    expect(emailInDomains("tom@evil.met.kingsmere.example", domains)).toBe(false);
    expect(emailInDomains("tom@kingsmere.example", domains)).toBe(false);
    expect(emailInDomains("met.kingsmere.example@gmail.example", domains)).toBe(false);
    expect(emailInDomains("a@b@met.kingsmere.example", domains)).toBe(true);
  });

  it("the form takes a comma or space separated list, lower-cases it and refuses anything that is not a domain", () => {
    const base = { name: "Kingsmere Homes", shortName: "KH", kind: "HOUSING_PROVIDER" };
    expect(ZOrganisationForm.parse({ ...base, emailDomains: "KingsmereHomes.example, kh.example kh.example" }).emailDomains).toEqual([
      "kh.example",
      "kingsmerehomes.example",
    ]);
    expect(ZOrganisationForm.safeParse({ ...base, emailDomains: "" }).success).toBe(false);
    expect(ZOrganisationForm.safeParse({ ...base, emailDomains: "@kh.example" }).success).toBe(false);
    expect(ZOrganisationForm.safeParse({ ...base, emailDomains: "localhost" }).success).toBe(false);
  });
});
