import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { SetPasswordForm } from "@/components/account/set-password-form";
import { describePasswordLink } from "@/lib/auth/account";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/** The page a one-time invitation or reset link opens. The token is checked, not spent, here. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describePasswordLink(token);
  if (!link) {
    return (
      <div className="max-w-[40rem]">
        <PageHeading>This link has expired or has already been used</PageHeading>
        <p className="body-m">Links to set a password work once, for a limited time.</p>
        <p className="body-m">Ask your organisation&apos;s administrator or manager for a new link.</p>
      </div>
    );
  }
  return (
    <div className="max-w-[40rem]">
      <PageHeading caption={link.purpose === "INVITE" ? "Welcome to Safer Partnerships" : "Reset your password"}>
        Set your password
      </PageHeading>
      <p className="body-m">
        You will sign in as <strong className="font-bold">{link.email}</strong>.
      </p>
      <SetPasswordForm token={token} email={link.email} />
    </div>
  );
}
