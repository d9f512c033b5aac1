import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { sendsHsts } from "@/proxy";

// HSTS is decided when the request is served, from the public URL and how the request arrived
// (never frozen into the build from the environment at build time).

const request = (url: string, headers: Record<string, string> = {}) => new NextRequest(url, { headers });

describe("HSTS", () => {
  it("is sent when the public URL is https, whatever this request's own protocol", () => {
    expect(sendsHsts(request("http://10.0.0.5:3000/"), "https://safer-partnerships.example.gov.uk")).toBe(true);
  });

  it("is sent when the HTTP layer says the request came over HTTPS (the socket, or a trusted proxy)", () => {
    expect(sendsHsts(request("http://localhost:3000/", { "x-sp-client-protocol": "https" }), "http://localhost:3000")).toBe(true);
  });

  it("is not sent for a plain-HTTP demo, even when the client claims https in X-Forwarded-Proto", () => {
    expect(
      sendsHsts(
        request("http://localhost:3000/", { "x-forwarded-proto": "https", "x-sp-client-protocol": "http" }),
        "http://localhost:3000",
      ),
    ).toBe(false);
  });
});

describe("a malformed Origin", () => {
  it("is a bad request before Next.js's own origin check can throw on it", async () => {
    const { hasMalformedOrigin } = await import("@/proxy");
    expect(hasMalformedOrigin(request("http://localhost:3000/sign-in", { origin: "http://[::1" }))).toBe(true);
    expect(hasMalformedOrigin(request("http://localhost:3000/sign-in", { origin: "not a url" }))).toBe(true);
    expect(hasMalformedOrigin(request("http://localhost:3000/sign-in", { origin: "http://localhost:3000" }))).toBe(false);
    expect(hasMalformedOrigin(request("http://localhost:3000/sign-in", { origin: "null" }))).toBe(false);
    expect(hasMalformedOrigin(request("http://localhost:3000/sign-in"))).toBe(false);
  });
});
