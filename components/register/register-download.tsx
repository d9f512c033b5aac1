"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

// Progressive enhancement of the register download form. Without JavaScript the form is a plain
// GET to the export route and the browser saves the file. With it, the page fetches the same URL,
// reads the body as it streams, shows a <progress> bar and an aria-live count ("12,000 of 48,000
// rows" for CSV — rows are counted as line ends outside quoted fields; bytes for XLSX, whose size
// is not known in advance), then saves the file through an object URL that stays available.

type State =
  | { phase: "idle" }
  | { phase: "running"; format: string; rows: number; total: number | null; bytes: number }
  | { phase: "done"; format: string; rows: number; bytes: number; fileName: string; url: string }
  | { phase: "failed"; message: string };

const LF = 0x0a;
const QUOTE = 0x22;
const n = (value: number) => value.toLocaleString("en-GB");
const size = (bytes: number) =>
  bytes < 1_048_576
    ? `${n(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${(bytes / 1_048_576).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;

function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? "");
  return match?.[1] ?? fallback;
}

function progressText(state: State): string {
  switch (state.phase) {
    case "idle":
      return "";
    case "running":
      if (state.format === "csv" && state.total !== null) return `${n(state.rows)} of ${n(state.total)} rows`;
      return `${size(state.bytes)} received${state.total !== null ? ` (${n(state.total)} rows in all)` : ""}`;
    case "done":
      return `Finished: ${n(state.rows)} ${state.rows === 1 ? "row" : "rows"} (${size(state.bytes)}). The file ${state.fileName} has been saved.`;
    case "failed":
      return state.message;
  }
}

export function RegisterDownload({ action, children }: { action: string; children: ReactNode }) {
  const [state, setState] = useState<State>({ phase: "idle" });
  // The announced text changes at most every 2 seconds, so a screen reader is not flooded.
  const [announced, setAnnounced] = useState("");
  const lastAnnounce = useRef(0);
  const abort = useRef<AbortController | null>(null);
  const objectUrl = useRef<string | null>(null);

  useEffect(() => {
    const text = progressText(state);
    const now = Date.now();
    if (state.phase !== "running" || now - lastAnnounce.current > 2_000) {
      lastAnnounce.current = now;
      setAnnounced(text);
    }
  }, [state]);

  useEffect(
    () => () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    },
    [],
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.phase === "running") return;
    const form = event.currentTarget;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string") params.append(key, value);
    const format = params.get("format") ?? "csv";
    const url = `${form.action}?${params.toString()}`;
    const controller = new AbortController();
    abort.current = controller;
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = null;
    setState({ phase: "running", format, rows: 0, total: null, bytes: 0 });
    try {
      const response = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const message =
          response.status === 400
            ? await response.text()
            : "The download could not be started. Try again, or sign in again if your session has ended.";
        setState({ phase: "failed", message });
        return;
      }
      const totalHeader = response.headers.get("X-Total-Rows");
      const total = totalHeader === null ? null : Number(totalHeader);
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let lines = 0;
      let quoted = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.length;
        if (format === "csv") {
          for (let i = 0; i < value.length; i++) {
            const b = value[i];
            if (b === QUOTE) quoted = !quoted;
            else if (b === LF && !quoted) lines++;
          }
        }
        // The first line of the CSV is the header.
        setState({ phase: "running", format, rows: Math.max(0, lines - 1), total, bytes });
      }
      const fileName = fileNameOf(response.headers.get("Content-Disposition"), `tools-and-powers-register.${format}`);
      const blob = new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" });
      const href = URL.createObjectURL(blob);
      objectUrl.current = href;
      const link = document.createElement("a");
      link.href = href;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setState({ phase: "done", format, rows: format === "csv" ? Math.max(0, lines - 1) : (total ?? 0), bytes, fileName, url: href });
    } catch (error) {
      if (controller.signal.aborted) setState({ phase: "failed", message: "The download was cancelled." });
      else setState({ phase: "failed", message: "The download stopped before the end. Check your connection and try again." });
      void error;
    } finally {
      abort.current = null;
    }
  }

  const running = state.phase === "running";
  return (
    <>
      <form method="get" action={action} onSubmit={onSubmit}>
        {children}
        <div className="flex flex-wrap gap-4 items-start">
          <Button disabled={running}>Download the register</Button>
          {running ? (
            <Button type="button" variant="secondary" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
      <section aria-labelledby="register-progress-heading" className={state.phase === "idle" ? "sr-only" : "mb-8"}>
        <h2 id="register-progress-heading" className="heading-m">
          Download progress
        </h2>
        {state.phase === "running" || state.phase === "done" ? (
          <progress
            id="register-progress"
            aria-labelledby="register-progress-heading"
            className="block w-full max-w-xl h-6 mb-2"
            max={state.phase === "running" && state.format === "csv" && state.total ? state.total : state.phase === "done" ? 1 : undefined}
            value={state.phase === "done" ? 1 : state.format === "csv" && state.total ? state.rows : undefined}
          />
        ) : null}
        <p className={state.phase === "failed" ? "body-m text-error font-bold" : "body-m"} aria-hidden="true">
          {progressText(state)}
        </p>
        <p id="register-progress-text" role="status" aria-live="polite" className="sr-only">
          {announced}
        </p>
        {state.phase === "done" ? (
          <p className="body-m">
            <a href={state.url} download={state.fileName}>
              Save {state.fileName} again
            </a>
          </p>
        ) : null}
      </section>
    </>
  );
}
