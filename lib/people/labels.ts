// Plain English for people. Pure: pages, client components and the data layer read it.

/** A person's details by name, as the merge check page lists those it fills in and those that differ. */
export const PERSON_DETAIL_LABELS = {
  dateOfBirth: "Date of birth",
  gender: "Gender",
  phone: "Telephone",
  email: "Email",
  addressId: "Address",
  ethnicity: "Ethnicity",
  isRaciallyMinoritised: "Racially minoritised",
  isLgbt: "LGBT+",
  hasDisability: "Disability",
  notes: "Notes",
} as const;
