import Link from "next/link";
import { Button, ButtonGroup } from "@/components/ui/button";

/** The foot of every list's filter form: apply, or go back to the unfiltered list. */
export function FilterButtons({ clearHref }: { clearHref: string }) {
  return (
    <ButtonGroup>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <Link href={clearHref} className="link-no-visited body-m">
        Clear filters
      </Link>
    </ButtonGroup>
  );
}
