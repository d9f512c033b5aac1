import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";

/**
 * GOV.UK's "Page not found" wording. Also shown for records the user may not see, which must look
 * exactly like records that do not exist.
 */
export function NotFoundContent() {
  return (
    <div className="max-w-[40rem]">
      <PageHeading>Page not found</PageHeading>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        If the web address is correct or you selected a link or button, the page or record may have been moved or removed, or you may not
        have access to it. <Link href="/">Go to the dashboard</Link>.
      </p>
    </div>
  );
}
