import type { ReactNode } from "react";
import { PageWidth } from "@/components/layout/page-width";

/** The page's main landmark in the page's column: where the root layout's skip link lands (#main-content). */
export function MainContent({ children }: { children: ReactNode }) {
  return (
    <PageWidth>
      <main id="main-content" tabIndex={-1} className="focus-silent py-8 sm:py-10">
        {children}
      </main>
    </PageWidth>
  );
}
