import { Tag } from "@/components/ui/tag";
import type { ReferralStatus } from "@/lib/generated/prisma/enums";
import { REFERRAL_STATUS_LABELS, REFERRAL_STATUS_TAG_COLOURS } from "@/lib/referrals/labels";

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  return <Tag colour={REFERRAL_STATUS_TAG_COLOURS[status]}>{REFERRAL_STATUS_LABELS[status]}</Tag>;
}

export function RepeatTag() {
  return <Tag colour="purple">Repeat</Tag>;
}
