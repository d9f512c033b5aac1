import Link from "next/link";
import type { ReactNode } from "react";
import { Button, ButtonGroup } from "@/components/ui/button";

/**
 * A form's last row: its submit button, held while the server answers (a second click would post
 * the form twice), and a "Cancel" link back to where the officer came from.
 */
export function SubmitOrCancel({ pending, cancelHref, children }: { pending: boolean; cancelHref: string; children: ReactNode }) {
  return (
    <ButtonGroup>
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {children}
      </Button>
      <Link href={cancelHref} className="link-no-visited body-m">
        Cancel
      </Link>
    </ButtonGroup>
  );
}
