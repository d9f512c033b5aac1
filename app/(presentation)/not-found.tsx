import { PageWidth } from "@/components/layout/page-width";
import { NotFoundContent } from "@/components/layout/not-found-content";

// Shown inside the presentation shell when a page calls notFound(): for a missing meeting and for
// one the user may not present alike. Its own title, as the page's would otherwise stay.
export default function NotFound() {
  return (
    <PageWidth className="py-8">
      <title>Page not found – Safer Partnerships</title>
      <NotFoundContent />
    </PageWidth>
  );
}
