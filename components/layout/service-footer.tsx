import { PageWidth } from "./page-width";

export function ServiceFooter() {
  return (
    <footer className="mt-auto bg-surface border-t border-border text-ink">
      <PageWidth className="py-6 sm:py-8 body-s">
        <p className="mb-2 font-bold">Safer Partnerships</p>
        <p className="m-0 text-ink-secondary">
          This service holds personal and sensitive information shared between partner agencies. Use it and share what you see only as your
          information sharing agreement allows.
        </p>
      </PageWidth>
    </footer>
  );
}
