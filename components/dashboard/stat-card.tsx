import { cx } from "@/components/ui/class-names";
import { Tag } from "@/components/ui/tag";

/** A headline figure. An alert (e.g. overdue actions) gets a red edge and the words "Needs attention". */
export function StatCard({ label, value, alert = false }: { label: string; value: number; alert?: boolean }) {
  return (
    <div className={cx("border-l-[5px] bg-surface px-4 py-3", alert ? "border-error" : "border-brand")}>
      <p className="body-s m-0 text-ink-secondary">{label}</p>
      <p className="heading-l m-0">{value.toLocaleString("en-GB")}</p>
      {alert ? <Tag colour="red">Needs attention</Tag> : null}
    </div>
  );
}
