/** The "On this page" links at the top of a long page (a person's or a place's profile) to its sections' headings. */
export function OnThisPage({ links }: { links: readonly { href: string; label: string }[] }) {
  return (
    <nav aria-label="On this page" className="mb-8">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 list-none p-0 m-0">
        {links.map(({ href, label }) => (
          <li key={href}>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
