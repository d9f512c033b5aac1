import type { ReactNode } from "react";
import { FocusTopOnArrival } from "@/components/layout/focus-top-on-arrival";
import { navigationFor } from "@/components/layout/navigation";
import { MainContent } from "@/components/layout/main-content";
import { PrimaryNavigation } from "@/components/layout/primary-navigation";
import { ServiceFooter } from "@/components/layout/service-footer";
import { ServiceHeader } from "@/components/layout/service-header";
import { HeaderSearch } from "@/components/layout/header-search";
import { SignedInUser } from "@/components/layout/signed-in-user";
import { requireActor } from "@/lib/auth/session";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { unreadCount } from "@/lib/notifications/data";
import { DraftOwner } from "@/components/forms/drafts";
import { SessionTimeout } from "@/components/layout/session-timeout";
import { SESSION_IDLE_TIMEOUT_MS, SESSION_TIMEOUT_WARNING_MS } from "@/lib/auth/policy";

// The signed-in shell. Pages below still check access themselves: a layout's check does not
// protect the server actions or the data a page loads.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const unread = await unreadCount(actor);
  return (
    <DraftOwner userId={actor.userId}>
      <FocusTopOnArrival />
      <SessionTimeout idleMs={SESSION_IDLE_TIMEOUT_MS} warnMs={SESSION_TIMEOUT_WARNING_MS} />
      {/* Searching finds case work, which an administrator's role alone never shows. */}
      <ServiceHeader search={can(actor, "case:read") ? <HeaderSearch /> : null}>
        <SignedInUser
          name={actor.name}
          roleLabel={ROLE_LABELS[actor.role] ?? actor.role}
          organisationName={actor.organisationName}
          unread={unread}
        />
      </ServiceHeader>
      <PrimaryNavigation items={navigationFor(actor)} />
      <MainContent>{children}</MainContent>
      <ServiceFooter />
    </DraftOwner>
  );
}
