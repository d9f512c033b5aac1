"use client";

/** Prints the page (the pack and minutes pages are laid out for paper). */
export function PrintButton({ label = "Print this page" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="app-button body-m px-3 py-2 mb-6 border-2 border-ink bg-white print:hidden"
    >
      {label}
    </button>
  );
}
