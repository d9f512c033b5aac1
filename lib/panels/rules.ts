import type { Panel, PanelRequestKind, PanelRequestStatus } from "@/lib/generated/prisma/enums";

// Which panels are restricted, and what their chairs decide. Pure: shared by the data layer, the
// admin pages and the panel page.
//
// Separation of duties: membership of a restricted panel (MARAC) gives its case content, so it is
// granted only by a chair of that panel, directly or by approving a request an administrator or
// manager made; so is making a member its chair, and recovering a member's account (a password
// reset, removing two-factor). Nobody approves their own request, or one about themselves. A link
// from such an approval is shown only to the approving chair.

export const RESTRICTED_PANELS: readonly Panel[] = ["MARAC"];

export function isRestrictedPanel(panel: Panel): boolean {
  return RESTRICTED_PANELS.includes(panel);
}

/** The restricted panels among `panels`. */
export function restrictedAmong(panels: readonly Panel[]): Panel[] {
  return panels.filter(isRestrictedPanel);
}

/** Panels in addresses: /panels/marac. */
export const PANEL_SLUGS: Record<string, Panel> = { ccm: "CCM", marac: "MARAC" };

export function panelSlug(panel: Panel): string {
  return panel.toLowerCase();
}

export const PANEL_REQUEST_KIND_LABELS: Record<PanelRequestKind, string> = {
  MEMBERSHIP: "Add to the panel",
  CHAIR: "Make a chair of the panel",
  PASSWORD_RESET: "Reset their password",
  REMOVE_TWO_FACTOR: "Remove their two-factor sign-in",
};

export const PANEL_REQUEST_STATUS_LABELS: Record<PanelRequestStatus, string> = {
  PENDING: "Waiting for a chair",
  APPROVED: "Approved",
  REFUSED: "Refused",
  CANCELLED: "Cancelled",
};
