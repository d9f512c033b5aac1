"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

// While an import is being checked or written by the worker, its page draws itself again every few
// seconds from the database: the progress survives leaving the page, and coming back shows where
// it has got to. Without script, the page says to reload it.

export function AutoRefresh({ seconds = 2 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
