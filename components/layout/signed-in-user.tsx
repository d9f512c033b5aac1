import Link from "next/link";
import { SignOutForm } from "@/components/layout/sign-out-form";

/** The signed-in user's name, role and organisation, and the sign-out button, for the header. */
export function SignedInUser({ name, roleLabel, organisationName }: { name: string; roleLabel: string; organisationName: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-1 body-s">
      <p className="m-0">
        <span className="sr-only">Signed in as </span>
        <strong className="font-bold">{name}</strong>
        <span className="block text-white">
          {roleLabel}, {organisationName}
        </span>
      </p>
      <Link href="/account" className="text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-s">
        Your account
      </Link>
      <SignOutForm className="focus-like-link cursor-pointer p-0 bg-transparent border-0 text-white underline underline-offset-[0.1578em] hover:decoration-[3px] body-s" />
    </div>
  );
}
