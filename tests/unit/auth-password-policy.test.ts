import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

const owner = { email: "kwame.mensah@kingsmere.gov.example", name: "Kwame Mensah" };

describe("password policy", () => {
  it("accepts a long passphrase with no symbols, digits or capitals (no composition rules)", () => {
    expect(passwordProblem("tea kettle on the windowsill", owner)).toBeNull();
    expect(passwordProblem("twelve chars", owner)).toBeNull();
  });

  it("refuses fewer than 12 characters, counting characters not bytes", () => {
    expect(passwordProblem("short pass!", owner)).toMatch(/12 characters or more/);
    expect(passwordProblem("ééééééééééé", owner)).toMatch(/12 characters or more/);
    expect(passwordProblem("", owner)).toBe("Enter a new password");
  });

  it("refuses more than 128 characters", () => {
    expect(passwordProblem("a sentence ".repeat(12), owner)).toMatch(/128 characters or fewer/);
  });

  it("refuses a common password whatever its case", () => {
    expect(passwordProblem("qwerty123456", owner)).toMatch(/commonly used/);
    expect(passwordProblem("LeaveMeAlone", owner)).toMatch(/commonly used/);
    expect(passwordProblem("Administrator", owner)).toMatch(/commonly used/);
  });

  it("refuses the user's own email address or name", () => {
    expect(passwordProblem("kwame.mensah@kingsmere.gov.example", owner)).toMatch(/name or email/);
    expect(passwordProblem("Kwame Mensah", owner)).toMatch(/name or email/);
    expect(passwordProblem("kwame  mensah", owner)).toMatch(/name or email/);
    expect(passwordProblem("Kwame.Mensah!", { email: "kwame.mensah@x.example", name: "K" })).toMatch(/name or email/);
  });
});
