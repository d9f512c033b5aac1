import { describe, expect, it } from "vitest";
import { resolveClient, trustSetting } from "@/lib/auth/client-address";

// The client address behind proxies: the socket, then X-Forwarded-For read from the right and
// only through the proxies TRUST_PROXY names. The client writes the left of that header; it must
// never choose its own address.

function request(socket: string, headers: Record<string, string> = {}, encrypted = false) {
  return { socket: { remoteAddress: socket, encrypted } as never, headers };
}

describe("the client address", () => {
  it("with no trusted proxy is the socket's, whatever X-Forwarded-For says", () => {
    const forged = request("198.51.100.7", { "x-forwarded-for": "10.0.0.1" });
    expect(resolveClient(forged, trustSetting(undefined)).address).toBe("198.51.100.7");
    expect(resolveClient(forged, trustSetting("false")).address).toBe("198.51.100.7");
  });

  it("behind one load balancer is the entry it appended, not the one the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the load balancer appended the real peer.
    const viaBalancer = request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.9" });
    expect(resolveClient(viaBalancer, trustSetting("1")).address).toBe("203.0.113.9");
    expect(resolveClient(viaBalancer, trustSetting("true")).address).toBe("203.0.113.9");
  });

  it("behind two proxies walks two hops from the right", () => {
    const twoHops = request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.3" });
    expect(resolveClient(twoHops, trustSetting("2")).address).toBe("203.0.113.9");
  });

  it("with the proxies named by address, stops at the first address that is not one of them", () => {
    const trust = trustSetting("10.0.0.0/8, loopback");
    expect(resolveClient(request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.1.2.3" }), trust).address).toBe("203.0.113.9");
    // A client connecting directly (not through a named proxy) is the client, whatever it claims.
    expect(resolveClient(request("198.51.100.7", { "x-forwarded-for": "10.0.0.9" }), trust).address).toBe("198.51.100.7");
  });

  it("a header of nothing but proxies gives the left-most entry, and no header gives the socket", () => {
    expect(resolveClient(request("10.0.0.2", {}), trustSetting("1")).address).toBe("10.0.0.2");
    expect(resolveClient(request("::ffff:127.0.0.1"), trustSetting(undefined)).address).toBe("127.0.0.1");
  });

  it("believes a forwarded https only from a trusted proxy", () => {
    expect(resolveClient(request("198.51.100.7", { "x-forwarded-proto": "https" }), trustSetting(undefined)).https).toBe(false);
    expect(resolveClient(request("10.0.0.2", { "x-forwarded-proto": "http, https" }), trustSetting("1")).https).toBe(true);
    expect(resolveClient(request("198.51.100.7", {}, true), trustSetting(undefined)).https).toBe(true);
  });

  it("refuses a TRUST_PROXY that is neither a hop count nor addresses", () => {
    expect(() => trustSetting("the load balancer")).toThrow();
  });
});
