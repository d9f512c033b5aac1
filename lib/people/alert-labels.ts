// Plain-English labels for vulnerability markers, safe to import in client components.

export const VULNERABILITY_MARKERS: Record<string, string> = {
  MENTAL_HEALTH: "Mental health",
  PHYSICAL_DISABILITY: "Physical disability",
  LEARNING_DISABILITY: "Learning disability",
  AGE: "Age (older or younger person)",
  ISOLATION: "Social isolation",
  SUBSTANCE_MISUSE: "Substance misuse",
  HOUSING: "Housing insecurity",
  OTHER: "Other vulnerability",
};
