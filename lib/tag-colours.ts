// The colours a status tag can have: part of a status's label (lib/<domain>/labels.ts), drawn by
// components/ui/tag.tsx.
export type TagColour = "grey" | "blue" | "green" | "red" | "orange" | "yellow" | "purple" | "turquoise" | "pink";
