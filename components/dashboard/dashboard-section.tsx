import type { ReactNode } from "react";
import { cx } from "@/components/ui/class-names";

/** One section of the dashboard: a level-2 heading and what is under it. */
export function DashboardSection({
  id,
  heading,
  children,
  className,
}: {
  id: string;
  heading: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={cx("mb-10", className)} data-dashboard-section={id}>
      <h2 id={`${id}-heading`} className="heading-m">
        {heading}
      </h2>
      {children}
    </section>
  );
}

/** Links under a section to the full lists behind it, spaced apart so each is easy to press. */
export function SectionLinks({ children }: { children: ReactNode }) {
  return <p className="body-m -mt-2 flex flex-col gap-y-3 sm:flex-row sm:flex-wrap sm:gap-x-6">{children}</p>;
}
