// An account's e-mail address must be in one of its organisation's domains (administrators keep
// the list on the organisation's page). A manager cannot then invite "their officer" at an
// address of their own choosing, and once the service e-mails set-password links they reach the
// organisation's own mail system.

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function isEmailDomain(value: string): boolean {
  return DOMAIN.test(value);
}

/** The domain of an address, lower case ("met.kingsmere.example"). */
export function domainOf(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/** Whether the address is in one of the domains, exactly (a subdomain is a different domain). */
export function emailInDomains(email: string, domains: readonly string[]): boolean {
  return domains.includes(domainOf(email));
}

/** "a.example, b.example" as an organisation's page lists them. */
export function describeDomains(domains: readonly string[]): string {
  return domains.length === 0 ? "none yet" : domains.join(", ");
}
