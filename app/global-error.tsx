"use client";

import "./globals.css";
import { useEffect } from "react";
import { errorReference } from "@/components/layout/error-reference";
import { Button } from "@/components/ui/button";
import { ServiceHeader } from "@/components/layout/service-header";
import { PageWidth } from "@/components/layout/page-width";

// Replaces the root layout when it fails: brings its own document. Never shows the error itself.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = errorReference(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en-GB">
      <body className="min-h-screen flex flex-col">
        <title>Sorry, there is a problem with the service – Safer Partnerships</title>
        <ServiceHeader />
        <PageWidth>
          <main id="main-content" className="py-8 sm:py-10 max-w-[40rem]">
            <h1 className="heading-l mb-8">Sorry, there is a problem with the service</h1>
            <p>Try again. If it happens again, try later.</p>
            {reference ? (
              <p>
                If you contact your administrator about this, give them this reference: <strong className="font-bold">{reference}</strong>
              </p>
            ) : null}
            <Button type="button" variant="secondary" onClick={() => retry()}>
              Try again
            </Button>
          </main>
        </PageWidth>
      </body>
    </html>
  );
}
