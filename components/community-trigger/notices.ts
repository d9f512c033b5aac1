// Messages on the Community Trigger page after a change: the URL carries a key, never what was typed.

export const TRIGGER_NOTICES = {
  recorded: "Community Trigger application recorded",
  saved: "Community Trigger saved",
  unchanged: "Nothing was changed",
  "complaint-added": "Complaint added",
  "complaint-removed": "Complaint removed",
} as const;

export const TRIGGER_PROBLEMS = {
  forbidden: "You cannot make that change. Ask the lead organisation of this case to make it.",
  conflict: "That has already been changed by someone else. Check the complaints and try again if needed.",
  unavailable: "Sorry, the service is unavailable at the moment, so nothing was changed. Try again in a few minutes.",
} as const;
