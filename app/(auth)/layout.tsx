import type { ReactNode } from "react";
import { MainContent } from "@/components/layout/main-content";
import { ServiceFooter } from "@/components/layout/service-footer";
import { ServiceHeader } from "@/components/layout/service-header";

// Signed-out pages: the service header without navigation or user details.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ServiceHeader />
      <MainContent>{children}</MainContent>
      <ServiceFooter />
    </>
  );
}
