import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { managedUsersWhere } from "@/lib/users/data";

// The administrator's first screen: the administration waiting to be done, as counts of users,
// organisations and e-mail, each a link to the page where it is done. Never case content: an
// administrator sees none. A manager's user administration (their own organisation's users)
// comes through the same rule as the users list (managedUsersWhere).

export type AdministrationTasks = {
  /** Null when the actor manages no users. */
  users: null | {
    active: number;
    /** Invited, active, and no password set yet. */
    invitationsNotAccepted: number;
    disabled: number;
  };
  /** Active organisations; null without admin:organisations. */
  organisations: number | null;
  /** Notification e-mails that failed; null without admin:users-all (as the e-mail delivery page). */
  emailsFailed: number | null;
  auditTrail: boolean;
};

export async function administrationTasks(actor: Actor): Promise<AdministrationTasks> {
  const managed = managedUsersWhere(actor);
  const [users, organisations, emailsFailed] = await Promise.all([
    managed
      ? Promise.all([
          db.user.count({ where: { AND: [managed, { active: true }] } }),
          db.user.count({ where: { AND: [managed, { active: true, passwordSetAt: null }] } }),
          db.user.count({ where: { AND: [managed, { active: false }] } }),
        ]).then(([active, invitationsNotAccepted, disabled]) => ({ active, invitationsNotAccepted, disabled }))
      : null,
    can(actor, "admin:organisations") ? db.organisation.count({ where: { active: true } }) : null,
    can(actor, "admin:users-all") ? db.notification.count({ where: { emailState: "FAILED" } }) : null,
  ]);
  return { users, organisations, emailsFailed, auditTrail: can(actor, "audit:read") };
}
