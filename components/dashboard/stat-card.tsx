import Link from "next/link";
import { cx } from "@/components/ui/class-names";
import { Tag } from "@/components/ui/tag";

/**
 * A headline figure, optionally a link to the list behind it. An alert (e.g. overdue actions) gets
 * a red edge and the words "Needs attention".
 */
export function StatCard({
  label,
  value,
  alert = false,
  href,
  capped = false,
}: {
  label: string;
  value: number;
  alert?: boolean;
  href?: string;
  capped?: boolean;
}) {
  const figure = `${capped ? "More than " : ""}${value.toLocaleString("en-GB")}`;
  const content = (
    <>
      <span className="block body-s m-0 text-ink-secondary group-hover:text-inherit">{label}</span>
      <span className="block heading-l m-0">{figure}</span>
    </>
  );
  return (
    <div className={cx("border-l-[5px] bg-surface px-3 sm:px-4 py-3", alert ? "border-error" : "border-brand")}>
      {href ? (
        <Link href={href} className="group block no-underline text-ink hover:underline">
          {content}
        </Link>
      ) : (
        content
      )}
      {alert ? <Tag colour="red">Needs attention</Tag> : null}
    </div>
  );
}
