import { Tag } from "@/components/ui/tag";
import type { PersonAlerts } from "@/lib/people/alerts";

/** A person's safeguarding flags as tags (the same colours everywhere: dashboard, lists, profile). */
export function PersonAlertTags({
  alerts,
  none = null,
}: {
  alerts: Pick<PersonAlerts, "repeatVictim" | "vulnerable">;
  none?: string | null;
}) {
  if (!alerts.repeatVictim && !alerts.vulnerable) return none ? <span className="text-ink-secondary">{none}</span> : null;
  return (
    <span className="inline-flex flex-wrap gap-2">
      {alerts.repeatVictim ? <Tag colour="red">Repeat victim</Tag> : null}
      {alerts.vulnerable ? <Tag colour="orange">Vulnerable</Tag> : null}
    </span>
  );
}
