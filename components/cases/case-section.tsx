import type { ReactNode } from "react";

/**
 * One section of the case page: a heading (an anchor in the page's contents) and what it holds.
 * It takes focus when a link to it is followed (tabIndex -1), so the next Tab carries on inside it.
 */
export function CaseSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} tabIndex={-1} className="focus-silent mb-10 sm:mb-12 scroll-mt-4">
      <h2 id={`${id}-heading`} className="heading-l mb-4">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The buttons at the top of a section ("Add a person"), when the actor may use them. */
export function SectionActions({ children }: { children: ReactNode }) {
  return children ? <div className="flex flex-wrap gap-x-4">{children}</div> : null;
}
