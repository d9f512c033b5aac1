import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { MainContent } from "@/components/layout/main-content";
import { ServiceFooter } from "@/components/layout/service-footer";
import { ServiceHeader } from "@/components/layout/service-header";

export const metadata: Metadata = { title: { absolute: "Page not found – Safer Partnerships" } };

// For addresses that match no route. It renders outside the (app) and (auth) layouts, so it brings
// its own header; it shows nothing about the user, who may not be signed in.
export default async function NotFound() {
  // Rendered per request, not prerendered: Next puts the Content-Security-Policy nonce (proxy.ts)
  // on its scripts only at request time; a prerendered page's scripts would be refused.
  await connection();
  return (
    <>
      <ServiceHeader />
      <MainContent>
        <NotFoundContent />
      </MainContent>
      <ServiceFooter />
    </>
  );
}
