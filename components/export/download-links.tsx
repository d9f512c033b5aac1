import { hrefWithParams } from "@/components/ui/search-params";
import type { SearchParamsRecord } from "@/lib/search-params";

/**
 * "Download these N incidents: CSV · XLSX" under a list: the export route with the list's own
 * address parameters (its filters and sort; never a typed name, which stays in the saved search).
 * Plain links (the route sends an attachment): no script needed, and a session that has ended meanwhile
 * lands on the sign-in page rather than downloading it.
 */
export function DownloadLinks({ href, params, what }: { href: string; params: SearchParamsRecord; what: string }) {
  const link = (format: "csv" | "xlsx") => hrefWithParams(href, params, { format, page: null, pageSize: null });
  return (
    <p className="body-s mb-4">
      Download {what}:{" "}
      <a href={link("csv")} className="link-no-visited">
        CSV<span className="sr-only"> file</span>
      </a>{" "}
      ·{" "}
      <a href={link("xlsx")} className="link-no-visited">
        XLSX<span className="sr-only"> spreadsheet (Excel)</span>
      </a>
    </p>
  );
}
