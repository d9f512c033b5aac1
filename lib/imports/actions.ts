"use server";

import { z } from "zod";
import { runFormAction } from "@/lib/form-action";
import type { FormState } from "@/lib/forms";
import { ZVersion } from "@/lib/forms";
import { decideMatches, discardImport, resumeImport, startImport, uploadImport } from "./data/manage";

// The import page's forms (lib/form-action runs them): upload, review and import, resume, discard.
// Each step is checked again by lib/imports/data/manage against the import as it stands.

const NO_PERMISSION = { status: "error", message: "You do not have permission to import records." } as const;
const NOT_FOUND = "This import cannot be found. It may belong to another organisation.";

export async function uploadImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "import:run",
    noPermission: NO_PERMISSION,
    schema: z.object({ kind: z.string().optional() }),
    perform: async (actor, { kind }, _values, posted) => {
      const file = posted.get("file");
      const id = await uploadImport(actor, { kind, file: file instanceof File && (file.size > 0 || file.name) ? file : null });
      return `/imports/${id}`;
    },
  });
}

const ZStep = z.object({ importId: z.uuid({ error: NOT_FOUND }), version: ZVersion });

/**
 * Imports a checked file. With `intent=choices` the manager's answer for each likely duplicate
 * (`match-<id>`: a record's id or "new") is saved first; with `intent=suggested` the suggestions stand.
 */
export async function startImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "import:run",
    noPermission: NO_PERMISSION,
    notFound: NOT_FOUND,
    schema: ZStep.extend({ intent: z.enum(["choices", "suggested", "import"]).catch("import") }),
    perform: async (actor, { importId, version, intent }, values) => {
      let current = version;
      if (intent === "choices") {
        const choices: Record<string, string> = {};
        for (const [key, value] of Object.entries(values)) {
          if (key.startsWith("match-") && typeof value === "string") choices[key.slice("match-".length)] = value;
        }
        await decideMatches(actor, importId, current, choices);
        current++;
      }
      await startImport(actor, importId, current);
      return `/imports/${importId}`;
    },
  });
}

export async function resumeImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "import:run",
    noPermission: NO_PERMISSION,
    notFound: NOT_FOUND,
    schema: ZStep,
    perform: async (actor, { importId, version }) => {
      await resumeImport(actor, importId, version);
      return `/imports/${importId}`;
    },
  });
}

export async function discardImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, {
    permission: "import:run",
    noPermission: NO_PERMISSION,
    notFound: NOT_FOUND,
    schema: ZStep,
    perform: async (actor, { importId, version }) => {
      await discardImport(actor, importId, version);
      return `/imports?notice=discarded`;
    },
  });
}
