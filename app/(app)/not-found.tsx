import { NotFoundContent } from "@/components/layout/not-found-content";

// Shown inside the signed-in shell when a page calls notFound(): for a missing record and for one
// the user may not see alike.
export default function NotFound() {
  return (
    <>
      <title>Page not found – Safer Partnerships</title>
      <NotFoundContent />
    </>
  );
}
