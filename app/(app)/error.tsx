"use client";

import { useEffect } from "react";
import { errorReference } from "@/components/layout/error-reference";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";

// Unexpected errors only: the message and stack are never shown (they may hold personal data or
// internals); the digest lets support find the full error in the server logs.
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = errorReference(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="max-w-[40rem]">
      <title>Sorry, there is a problem with the service – Safer Partnerships</title>
      <PageHeading>Sorry, there is a problem with the service</PageHeading>
      <p>Try again. If it happens again, try later.</p>
      <p>Anything you entered but did not save may have been lost.</p>
      {reference ? (
        <p>
          If you contact your administrator about this, give them this reference: <strong className="font-bold">{reference}</strong>
        </p>
      ) : null}
      <Button type="button" variant="secondary" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
