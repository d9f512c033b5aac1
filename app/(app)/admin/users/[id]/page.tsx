import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { UserAccessForm } from "@/components/admin/user-access-form";
import { ReissueInvitation, UserAccountAction } from "@/components/admin/user-account-actions";
import { requireActor } from "@/lib/auth/session";
import { can, grantableRoles, ROLE_LABELS } from "@/lib/auth/permissions";
import { assignableOrganisations, getManagedUser, panelRequestsForUser, type UserPanelRequest } from "@/lib/users/data";
import { PANEL_REQUEST_KIND_LABELS, PANEL_REQUEST_STATUS_LABELS } from "@/lib/panels/rules";
import { Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { PANEL_TITLES } from "@/lib/panels/labels";

// No name in the title: it ends up in browser history.
export const metadata: Metadata = { title: "User details" };

const NOTICES: Record<string, string> = {
  access: "Role, organisation and panels saved. They apply from the user's next page",
  "access-requested":
    "Saved. Adding a restricted panel, or making one of its members a chair, has been sent to that panel's chairs: it happens when a chair approves it (see Requests to panel chairs below)",
  disable: "Account disabled and signed out everywhere",
  enable: "Account enabled",
  "end-sessions": "Signed out everywhere",
  "remove-two-factor": "Two-factor sign-in removed. They have been signed out",
};

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const actor = await requireActor();
  const user = await orNotFound(getManagedUser(actor, (await params).id));
  const [organisations, requests] = await Promise.all([assignableOrganisations(actor), panelRequestsForUser(actor, user.id)]);
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  const roles = grantableRoles(actor);
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      {notice ? <NotificationBanner variant="success" heading={notice} /> : null}
      <PageHeading caption={user.organisationName}>{user.name}</PageHeading>
      <SummaryList
        rows={[
          { key: "Email address", value: user.email },
          { key: "Job title", value: user.jobTitle },
          { key: "Organisation", value: user.organisationName },
          { key: "Role", value: ROLE_LABELS[user.role] },
          { key: "Panels", value: user.panels.length > 0 ? user.panels.map((p) => PANEL_TITLES[p]).join(", ") : "None" },
          {
            key: "Status",
            value: (
              <span className="flex flex-wrap gap-1">
                {user.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Disabled</Tag>}
                {user.passwordSet ? null : <Tag colour="orange">Invited</Tag>}
              </span>
            ),
          },
          { key: "Two-factor sign-in", value: user.twoFactor ? "On" : "Off" },
          { key: "Last signed in", value: user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never" },
          { key: "Open sessions", value: String(user.openSessions) },
          ...(user.pendingLink
            ? [
                {
                  key: "Unused link",
                  value: `${user.pendingLink.purpose === "INVITE" ? "Invitation" : "Password reset"}, expires ${formatDateTime(user.pendingLink.expiresAt)}`,
                },
              ]
            : []),
        ]}
      />
      {can(actor, "audit:read") ? (
        <p className="body-m">
          <Link href={`/admin/audit?user=${user.id}`} className="link-no-visited">
            This user&apos;s activity in the audit trail
          </Link>
        </p>
      ) : null}

      {requests.length > 0 ? <PanelRequests requests={requests} /> : null}

      {user.isSelf ? (
        <p className="body-m">
          This is your own account. Change your password and two-factor sign-in from <Link href="/account">Your account</Link>; another
          administrator changes your role.
        </p>
      ) : (
        <>
          <section aria-labelledby="access-heading" className="mt-10">
            <h2 id="access-heading" className="heading-m">
              Role, organisation and panels
            </h2>
            <UserAccessForm user={user} organisations={organisations} roles={roles} />
          </section>
          <section aria-labelledby="account-heading" className="mt-10 max-w-[40rem]">
            <h2 id="account-heading" className="heading-m">
              Sign-in and account
            </h2>
            {user.passwordSet ? (
              <UserAccountAction userId={user.id} userName={user.name} action="reset-password" />
            ) : (
              <ReissueInvitation userId={user.id} userName={user.name} />
            )}
            {user.twoFactor ? <UserAccountAction userId={user.id} userName={user.name} action="remove-two-factor" /> : null}
            {user.openSessions > 0 ? <UserAccountAction userId={user.id} userName={user.name} action="end-sessions" /> : null}
            <UserAccountAction userId={user.id} userName={user.name} action={user.active ? "disable" : "enable"} />
          </section>
        </>
      )}
    </>
  );
}

/** Requests about this user to a restricted panel's chairs: who asked, and what the chair decided. */
function PanelRequests({ requests }: { requests: UserPanelRequest[] }) {
  return (
    <section aria-labelledby="requests-heading" className="mt-10">
      <h2 id="requests-heading" className="heading-m">
        Requests to panel chairs
      </h2>
      <Table<UserPanelRequest>
        caption="Requests to panel chairs about this user, newest first"
        captionHidden
        rows={requests}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "what",
            header: "Request",
            rowHeader: true,
            cell: (r) => `${PANEL_TITLES[r.panel]}: ${PANEL_REQUEST_KIND_LABELS[r.kind]}`,
          },
          { key: "asked", header: "Asked for", cell: (r) => `${r.requestedBy}, ${formatDateTime(r.requestedAt)}` },
          {
            key: "status",
            header: "Decision",
            cell: (r) => (
              <>
                <Tag colour={r.status === "APPROVED" ? "green" : r.status === "PENDING" ? "orange" : "grey"}>
                  {PANEL_REQUEST_STATUS_LABELS[r.status]}
                </Tag>
                {r.decidedBy && r.decidedAt ? (
                  <span className="block body-s mt-1">{`${r.decidedBy}, ${formatDateTime(r.decidedAt)}`}</span>
                ) : null}
                {r.decisionNote ? <span className="block body-s">{r.decisionNote}</span> : null}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
