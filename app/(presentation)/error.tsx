"use client";

// The presentation view shows the same page for an unexpected error as the rest of the service.
export { default } from "../(app)/error";
