import type { RiskLevel } from "@/lib/generated/prisma/enums";
import { RiskTag } from "@/components/ui/tag";
import { InsetText } from "@/components/ui/inset-text";

/**
 * The level the answers so far would give, worked out in the browser as the officer answers.
 * Only a preview: the server works the score and level out again from the answers when they are saved.
 */
export function RiskPreview({ level, children }: { level: RiskLevel | null; children: React.ReactNode }) {
  return (
    <InsetText>
      <h2 className="heading-s mb-2">So far</h2>
      <p className="body-m mb-2">{children}</p>
      {level ? <RiskTag level={level} /> : null}
      <p className="body-s text-ink-secondary mt-3 mb-0">The score and level are worked out again from your answers when you save.</p>
    </InsetText>
  );
}
