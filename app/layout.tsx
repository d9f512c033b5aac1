import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { ZodWithoutEval } from "@/components/layout/zod-without-eval";

export const metadata: Metadata = {
  title: { template: "%s – Safer Partnerships", default: "Safer Partnerships" },
  description: "Multi-agency case management for community safety partnerships",
  // An internal service holding personal data: keep it out of search engines.
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen flex flex-col">
        {/* First focusable element on every page (WCAG 2.4.1). Shown over the header when focused,
            so the page does not jump when it appears or disappears. */}
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        {/* Before the page, so zod is configured before any form parses (see the component). */}
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
