import type { Panel } from "@/lib/generated/prisma/enums";

// The panels' names, the one place they are written. Pure: pages, client forms and tests read it.

/** The short name, in sentences and tables ("referred to the MARAC"). */
export const PANEL_NAMES: Record<Panel, string> = { CCM: "CCM", MARAC: "MARAC" };

/** The name an administrator grants ("Community MARAC (CCM)"). */
export const PANEL_TITLES: Record<Panel, string> = { CCM: "Community MARAC (CCM)", MARAC: "MARAC" };

/** The name with what the panel hears, where someone chooses a panel to refer to. */
export const PANEL_FULL_NAMES: Record<Panel, string> = {
  CCM: "Community MARAC (CCM): ASB and vulnerability",
  MARAC: "MARAC: high-risk domestic abuse",
};
