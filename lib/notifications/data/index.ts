import "server-only";

// Notifications (lib/notifications/README.md): the outbox that domains write to inside their
// transactions, its delivery by the worker, and what people and administrators see of it.

export { notify, type Notice } from "./outbox";
export {
  deliveryStatus,
  listNotifications,
  markAllRead,
  notificationPreferences,
  NOTIFICATIONS_PER_PAGE,
  openNotification,
  saveNotificationPreferences,
  UNREAD_CAP,
  unreadCount,
  type DeliveryRow,
  type NotificationRow,
  type PreferenceRow,
} from "./inbox";
