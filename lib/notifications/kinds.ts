import type { NotificationDelivery, NotificationKind } from "@/lib/generated/prisma/enums";

// What each kind of notification says and who may choose how it arrives. Pure: the outbox, the
// e-mail templates, the notifications page and the account page's preferences share it.
//
// The words name the kind of event, a reference and, where the event is about an organisation,
// its name; never a person, an address or anything typed into a record (lib/notifications/README.md).

export type KindRule = {
  /** The group it is listed under on the preferences page. */
  group: "Actions" | "Referrals" | "Meetings" | "Cases" | "Tools and powers" | "Security" | "Your account";
  /** On the preferences page: what the choice is about. */
  choice: string;
  /** How it arrives unless the person chooses otherwise; null: no choice (always e-mailed at once). */
  defaultDelivery: NotificationDelivery | null;
  /** The sentence, from the notification's reference and organisation. */
  text: (n: { reference: string | null; organisation: string | null }) => string;
};

const ref = (n: { reference: string | null }) => n.reference ?? "a record";

export const KINDS: Record<NotificationKind, KindRule> = {
  ACTION_ASSIGNED_TO_ME: {
    group: "Actions",
    choice: "An action is assigned to you",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `An action on ${ref(n)} has been assigned to you.`,
  },
  ACTION_ASSIGNED_TO_ORGANISATION: {
    group: "Actions",
    choice: "An action is assigned to your organisation",
    defaultDelivery: "OFF",
    text: (n) => `An action on ${ref(n)} has been assigned to ${n.organisation ?? "your organisation"}.`,
  },
  ACTION_DUE_TOMORROW: {
    group: "Actions",
    choice: "An action of yours is due tomorrow",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `An action on ${ref(n)} is due tomorrow.`,
  },
  ACTIONS_OVERDUE: {
    group: "Actions",
    choice: "Your overdue actions (one message a day)",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `You have ${n.reference ?? "some"} overdue ${n.reference === "1" ? "action" : "actions"}.`,
  },
  ACTION_COMPLETED: {
    group: "Actions",
    choice: "An action you set is completed",
    defaultDelivery: "DAILY_DIGEST",
    text: (n) => `An action you set on ${ref(n)} has been completed.`,
  },
  ACTION_CANCELLED: {
    group: "Actions",
    choice: "An action you set is cancelled",
    defaultDelivery: "DAILY_DIGEST",
    text: (n) => `An action you set on ${ref(n)} has been cancelled.`,
  },
  REFERRAL_AWAITING_TRIAGE: {
    group: "Referrals",
    choice: "A referral awaits your triage (chairs)",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `Referral ${ref(n)} is waiting for the chair's decision.`,
  },
  REFERRAL_DECIDED: {
    group: "Referrals",
    choice: "The chair decides on your referral",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `The chair has decided on referral ${ref(n)}.`,
  },
  REFERRAL_MORE_INFORMATION: {
    group: "Referrals",
    choice: "The chair asks for more information on your referral",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `The chair has asked for more information on referral ${ref(n)}.`,
  },
  REFERRAL_WITHDRAWN: {
    group: "Referrals",
    choice: "A referral is withdrawn (chairs)",
    defaultDelivery: "DAILY_DIGEST",
    text: (n) => `Referral ${ref(n)} has been withdrawn.`,
  },
  MEETING_SCHEDULED: {
    group: "Meetings",
    choice: "A meeting of your panel is scheduled",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `Meeting ${ref(n)} has been scheduled. The calendar invitation is attached.`,
  },
  MEETING_CHANGED: {
    group: "Meetings",
    choice: "A meeting of your panel is changed",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `Meeting ${ref(n)} has changed. The updated calendar invitation is attached.`,
  },
  MEETING_CANCELLED: {
    group: "Meetings",
    choice: "A meeting of your panel is cancelled",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `Meeting ${ref(n)} has been cancelled. The calendar cancellation is attached.`,
  },
  CASE_SHARED: {
    group: "Cases",
    choice: "A case is shared with your organisation (managers)",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `Case ${ref(n)} has been shared with ${n.organisation ?? "your organisation"}.`,
  },
  VICTIM_FLAG_RAISED: {
    group: "Cases",
    choice: "A repeat or vulnerable victim flag on a case your organisation leads",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `A repeat or vulnerable victim flag has been raised on case ${ref(n)}.`,
  },
  POWER_EXPIRING: {
    group: "Tools and powers",
    choice: "A power you issued expires within 14 days",
    defaultDelivery: "DAILY_DIGEST",
    text: (n) => `Power ${ref(n)} expires within 14 days.`,
  },
  POWER_BREACHED: {
    group: "Tools and powers",
    choice: "A breach is recorded on a power you issued",
    defaultDelivery: "IMMEDIATELY",
    text: (n) => `A breach has been recorded on power ${ref(n)}.`,
  },
  INVITATION: {
    group: "Your account",
    choice: "Your invitation",
    defaultDelivery: null,
    text: () => "You have been invited to Safer Partnerships. Use the link to set your password. It works once, for 3 days.",
  },
  PASSWORD_RESET: {
    group: "Your account",
    choice: "A password reset",
    defaultDelivery: null,
    text: () =>
      "A new password has been requested for your Safer Partnerships account. Use the link to set it. It works once, for 24 hours.",
  },
  SIGN_IN_NEW_DEVICE: {
    group: "Security",
    choice: "A sign-in from a new device or address",
    defaultDelivery: null,
    text: () => "Your account was signed in to from a new device or address. If this was not you, tell your administrator now.",
  },
  SIGN_IN_THROTTLED: {
    group: "Security",
    choice: "Repeated failed sign-ins to your account",
    defaultDelivery: null,
    text: () =>
      "Several attempts to sign in to your account have failed, so sign-in has been slowed. If this was not you, tell your administrator.",
  },
  TWO_FACTOR_CHANGED: {
    group: "Security",
    choice: "Your two-factor sign-in changes",
    defaultDelivery: null,
    text: () => "Two-factor sign-in on your account has been changed. If this was not you, tell your administrator now.",
  },
  PASSWORD_CHANGED: {
    group: "Security",
    choice: "Your password changes",
    defaultDelivery: null,
    text: () => "The password of your account has been changed. If this was not you, tell your administrator now.",
  },
};

/** The kinds a person chooses for (all but security and account messages), in page order. */
export const CHOOSABLE_KINDS = (Object.keys(KINDS) as NotificationKind[]).filter((k) => KINDS[k].defaultDelivery !== null);

export const DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  IMMEDIATELY: "E-mail me at once",
  DAILY_DIGEST: "In my daily e-mail",
  OFF: "Only in the service",
};
