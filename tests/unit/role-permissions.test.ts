import { describe, expect, it } from "vitest";
import { can, grantableRoles, PERMISSIONS, roleHas, rolesWith } from "@/lib/auth/permissions";
import { Role } from "@/lib/generated/prisma/enums";

// The whole role × permission table, printed and held against a reviewed copy
// (tests/unit/__snapshots__/role-permissions.txt). A change to who may do what fails here until
// the reviewed copy is updated in the same commit (`npx vitest run --project unit -u`), so it is
// always a visible, reviewed line in the diff and never a side effect.

const ROLES = Object.values(Role);

function table(): string {
  const width = Math.max(...PERMISSIONS.map((p) => p.length));
  const header = `${"".padEnd(width)}  ${ROLES.map((r) => r.padEnd(7)).join(" ")}`;
  const rows = PERMISSIONS.map((p) => `${p.padEnd(width)}  ${ROLES.map((r) => (roleHas(r, p) ? "yes" : "-").padEnd(7)).join(" ")}`);
  return [header, ...rows].map((line) => line.trimEnd()).join("\n") + "\n";
}

describe("the role × permission table", () => {
  it("matches the reviewed table", async () => {
    const printed = table();
    console.log(printed);
    await expect(printed).toMatchFileSnapshot("./__snapshots__/role-permissions.txt");
  });

  it("grants nothing to an unknown role or permission", () => {
    expect(roleHas("SUPERUSER", "case:read")).toBe(false);
    expect(roleHas("ADMIN", "case:everything")).toBe(false);
  });

  it("gives no administrator case content", () => {
    for (const p of ["incident:read", "person:read", "place:read", "case:read", "power:read"] as const)
      expect(roleHas("ADMIN", p)).toBe(false);
  });

  it("lists the roles that hold a permission, as queries over users use them", () => {
    expect(rolesWith("meeting:run")).toEqual(["CHAIR"]);
    expect(rolesWith("case:write").sort()).toEqual(["CHAIR", "MANAGER", "OFFICER"]);
  });

  it("lets only those who manage all users make someone an administrator", () => {
    const manager = { role: "MANAGER" as const, panels: [] };
    const admin = { role: "ADMIN" as const, panels: [] };
    expect(grantableRoles(manager)).not.toContain("ADMIN");
    expect(grantableRoles(admin)).toContain("ADMIN");
    expect(can(manager, "admin:users-all")).toBe(false);
  });
});
