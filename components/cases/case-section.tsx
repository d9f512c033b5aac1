import type { ReactNode } from "react";

/** One section of the case page: a heading (an anchor in the page's contents) and what it holds. */
export function CaseSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mb-10 sm:mb-12 scroll-mt-4">
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

/** "Contents" at the top of the case page: a link to each section. */
export function CaseContents({ sections }: { sections: { id: string; title: string }[] }) {
  return (
    <nav aria-labelledby="case-contents-heading" className="mb-10">
      <h2 id="case-contents-heading" className="heading-s mb-2">
        Contents
      </h2>
      <ul className="list-none p-0 m-0 flex flex-wrap gap-x-6 gap-y-1 body-m">
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} className="link-no-visited">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
