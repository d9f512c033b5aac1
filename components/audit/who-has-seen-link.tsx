import Link from "next/link";
import type { Actor } from "@/lib/auth/actor-type";
import { maySeeWhoHasSeen, type SeenRecordType } from "@/lib/audit/data";

/** "Who has seen this case / person": shown only to those the record allows (its lead organisation's manager). */
export async function WhoHasSeenLink({ actor, type, id }: { actor: Actor; type: SeenRecordType; id: string }) {
  if (!(await maySeeWhoHasSeen(actor, type, id))) return null;
  return (
    <p className="body-m">
      <Link href={`/admin/audit/seen/${type}/${id}`} prefetch={false}>
        Who has seen this {type}
      </Link>
    </p>
  );
}
