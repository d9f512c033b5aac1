import type { ReactNode } from "react";
import { PageWidth } from "@/components/layout/page-width";
import { ServiceFooter } from "@/components/layout/service-footer";
import { ServiceHeader } from "@/components/layout/service-header";

// Signed-out pages: the service header without navigation or user details.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ServiceHeader />
      <PageWidth>
        <main id="main-content" tabIndex={-1} className="focus-silent py-8 sm:py-10">
          {children}
        </main>
      </PageWidth>
      <ServiceFooter />
    </>
  );
}
