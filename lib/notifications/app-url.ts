/** The service's own address, for links in e-mails (APP_URL, else NEXTAUTH_URL, else the app's port on localhost). */
export function appUrl(): string {
  return (process.env.APP_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
