import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { TwoFactorEnrolment } from "@/components/account/two-factor-enrolment";
import { requireActor } from "@/lib/auth/session";
import { startTwoFactorEnrolment, twoFactorStatus } from "@/lib/auth/account";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

export default async function TwoFactorSetUpPage() {
  const actor = await requireActor();
  if ((await twoFactorStatus(actor)).enabled) redirect("/account");
  const { qrSvg, secret } = await startTwoFactorEnrolment(actor);
  return (
    <>
      <BackLink href="/account">Back to your account</BackLink>
      <PageHeading caption="Your account">Set up two-factor sign-in</PageHeading>
      <TwoFactorEnrolment qrSvg={qrSvg} secret={secret} continueHref="/account" />
    </>
  );
}
