"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Tag } from "@/components/ui/tag";
import { cx } from "@/components/ui/class-names";
import { saveAgendaItemAction, type SaveItemResult } from "@/lib/meetings/actions";
import type { PackItem } from "@/lib/meetings/data";
import { formatTime } from "@/lib/format/dates";
import { ActionsList, PackItemDetails } from "./pack-item";
import { NAVIGATION_SHORTCUTS, NEXT_CASE, PREVIOUS_CASE, startingIndex, useAgendaNavigation, withShortcut } from "./agenda-navigation";
import { meetingDraftKey } from "./drafts";

// Meeting mode: the chair's screen during the meeting, one case at a time, usable entirely from
// the keyboard. Shortcuts (shown on screen; Alt+letter and Ctrl+Enter do not clash with NVDA,
// JAWS or VoiceOver's own keys, which use Insert, Caps Lock or Control+Option):
//   Alt+N next case · Alt+P previous case (./agenda-navigation, shared with the presentation)
//   Alt+A add an action · Ctrl+Enter save this case
// Each case is saved on its own (version-checked). What is typed and not yet saved is kept in this
// browser (localStorage, per meeting and item) until it is saved, and restored after a reload or
// a lost connection, with a notice saying so. Signing out wipes them (components/meetings/drafts).

export const SHORTCUTS = [
  ...NAVIGATION_SHORTCUTS,
  { keys: "Alt + A", does: "Add an action to this case" },
  { keys: "Ctrl + Enter", does: "Save this case" },
] as const;

type Organisation = { id: string; name: string; shortName: string };
type Officer = { id: string; name: string; organisationId: string; marac: boolean };
type ActionRow = {
  key: string;
  title: string;
  organisationId: string;
  assignedUserId: string;
  dueDay: string;
  dueMonth: string;
  dueYear: string;
  /** Only at a meeting recorded after it was held: the day it has since been done, and what was done. */
  doneDay: string;
  doneMonth: string;
  doneYear: string;
  outcome: string;
};
type Draft = { discussionSummary: string; decision: string; reviewed: boolean; actions: ActionRow[] };

const storageKey = meetingDraftKey;

function savedDraftOf(item: PackItem): Draft {
  return {
    discussionSummary: item.discussionSummary ?? "",
    decision: item.decision ?? "",
    reviewed: Boolean(item.reviewedAt),
    actions: [],
  };
}

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

function readStored(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return {
      discussionSummary: String(parsed.discussionSummary ?? ""),
      decision: String(parsed.decision ?? ""),
      reviewed: Boolean(parsed.reviewed),
      actions: Array.isArray(parsed.actions)
        ? parsed.actions.map((a) => ({
            ...a,
            // Drafts kept before these fields existed lack them.
            doneDay: a.doneDay ?? "",
            doneMonth: a.doneMonth ?? "",
            doneYear: a.doneYear ?? "",
            outcome: a.outcome ?? "",
            assignedUserId: a.assignedUserId ?? "",
            key: a.key ?? crypto.randomUUID(),
          }))
        : [],
    };
  } catch {
    return null;
  }
}

function writeStored(key: string, draft: Draft | null) {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the text is still on screen; saving is what matters.
  }
}

export function MeetingMode({
  meetingId,
  items,
  organisations,
  officers,
  held = false,
  askedPosition,
}: {
  meetingId: string;
  items: PackItem[];
  organisations: Organisation[];
  officers: Officer[];
  /** Recorded after it was held: each action may say the day it has since been done. */
  held?: boolean;
  /** The agenda position to open at (`?case=` in the address, from the presentation); otherwise the first case not reviewed. */
  askedPosition?: string | string[];
}) {
  const firstOpen = Math.max(
    0,
    items.findIndex((i) => !i.reviewedAt),
  );
  const { index, go } = useAgendaNavigation({
    count: items.length,
    start: startingIndex(askedPosition, items.length, firstOpen),
    headingId: (i) => (items[i] ? `case-heading-${items[i].id}` : undefined),
  });
  const current = items[index];

  if (!current) return <p className="body-m">No cases are on the agenda.</p>;
  const reviewed = items.filter((i) => i.reviewedAt).length;

  return (
    <>
      <section aria-labelledby="shortcuts-heading" className="mb-6 p-4 border-2 border-border bg-surface print:hidden">
        <h2 id="shortcuts-heading" className="heading-s mb-2">
          Keyboard shortcuts
        </h2>
        <dl className="body-s grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 m-0">
          {SHORTCUTS.map((s) => (
            <div key={s.keys} className="contents">
              <dt className="font-bold">
                <kbd>{s.keys}</kbd>
              </dt>
              <dd className="m-0">{s.does}</dd>
            </div>
          ))}
        </dl>
      </section>

      <nav aria-label="Cases on the agenda" className="mb-6">
        <div className="flex flex-wrap items-baseline justify-between gap-x-6 mb-2">
          <p className="body-m mb-0" aria-live="polite">
            Case {index + 1} of {items.length} · {reviewed} reviewed
          </p>
          {/* The projector's view of the case on screen, without the service's header and navigation. */}
          <Link href={`/meetings/${meetingId}/present?case=${index + 1}`} className="body-m link-no-visited">
            Present<span className="sr-only"> on a shared screen, from this case</span>
          </Link>
        </div>
        <ol className="flex flex-wrap gap-2 list-none p-0 m-0">
          {items.map((item, i) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => go(i)}
                aria-current={i === index ? "step" : undefined}
                className={cx(
                  "app-button body-s px-2 py-1 border-2",
                  i === index ? "bg-ink text-white border-ink" : "bg-white border-border-input",
                )}
              >
                {i + 1}. {item.case.reference}
                {item.reviewedAt ? (
                  <span>
                    {" "}
                    ✓<span className="sr-only"> reviewed</span>
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      {items.map((item, i) => (
        <div key={item.id} hidden={i !== index}>
          <CaseRecorder
            meetingId={meetingId}
            item={item}
            organisations={organisations}
            officers={item.case.restricted ? officers.filter((o) => o.marac) : officers}
            active={i === index}
            held={held}
          />
        </div>
      ))}

      <div className="flex flex-wrap gap-x-4 mt-4">
        <Button type="button" variant="secondary" onClick={() => go(index - 1)} disabled={index === 0}>
          {withShortcut(PREVIOUS_CASE)}
        </Button>
        <Button type="button" variant="secondary" onClick={() => go(index + 1)} disabled={index === items.length - 1}>
          {withShortcut(NEXT_CASE)}
        </Button>
      </div>
    </>
  );
}

type FieldErrors = Record<string, string[] | undefined>;

/** One case: its details and the form recording the discussion, decision and actions. */
function CaseRecorder({
  meetingId,
  item,
  organisations,
  officers,
  active,
  held,
}: {
  meetingId: string;
  item: PackItem;
  organisations: Organisation[];
  officers: Officer[];
  active: boolean;
  held: boolean;
}) {
  const router = useRouter();
  const key = storageKey(meetingId, item.id);
  const [draft, setDraft] = useState<Draft>(() => savedDraftOf(item));
  const [version, setVersion] = useState(item.version);
  const [restored, setRestored] = useState(false);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ kind: "saved" | "problem"; text: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const loaded = useRef(false);
  const id = (field: string) => `${field}-${item.id}`;

  // Restore unsaved text kept on this device (after a reload or a dropped connection).
  // The device's storage exists only in the browser, so it is read after hydration.
  useEffect(() => {
    const stored = readStored(key);
    if (stored && !sameDraft(stored, savedDraftOf(item))) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing from the device's storage, once
      setDraft(stored);
      setRestored(true);
    } else if (stored) writeStored(key, null);
    loaded.current = true;
    // Only on mount: later renders carry what the chair is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function change(next: Draft) {
    setDraft(next);
    if (loaded.current) writeStored(key, sameDraft(next, savedDraftOf({ ...item, version })) ? null : next);
  }

  const addAction = useCallback(() => {
    const row: ActionRow = {
      key: crypto.randomUUID(),
      title: "",
      organisationId: "",
      assignedUserId: "",
      dueDay: "",
      dueMonth: "",
      dueYear: "",
      doneDay: "",
      doneMonth: "",
      doneYear: "",
      outcome: "",
    };
    setDraft((d) => {
      const next = { ...d, actions: [...d.actions, row] };
      writeStored(key, next);
      return next;
    });
    setTimeout(() => document.getElementById(`action-title-${row.key}`)?.focus(), 0);
  }, [key]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (pending) return;
    setPending(true);
    setStatus(null);
    let result: SaveItemResult;
    try {
      result = await saveAgendaItemAction({
        meetingId,
        itemId: item.id,
        version,
        ...draft,
        actions: draft.actions.map(({ key: _key, ...a }) => a),
      });
    } catch {
      result = {
        status: "error",
        message: "Not saved: the connection to the server was lost. Your text is kept on this device. Try saving again.",
      };
    }
    setPending(false);
    if (result.status === "saved") {
      const agreed = result.actionsAgreed;
      writeStored(key, null);
      setVersion(result.version);
      setErrors({});
      setRestored(false);
      setDraft((d) => ({ ...d, actions: [] }));
      setStatus({
        kind: "saved",
        text: `Saved at ${formatTime(new Date())}${agreed > 0 ? `. ${agreed} ${agreed === 1 ? "action" : "actions"} agreed and added to the case timeline` : ""}.`,
      });
      router.refresh();
      return;
    }
    setErrors(result.status === "invalid" ? result.fieldErrors : {});
    setStatus({
      kind: "problem",
      text: result.status === "invalid" ? (result.message ?? "There is a problem: check the fields marked below.") : result.message,
    });
    setTimeout(() => summaryRef.current?.focus(), 0);
  }

  // Ctrl+Enter saves and Alt+A adds an action, on the case on screen only.
  useEffect(() => {
    if (!active) return;
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        formRef.current?.requestSubmit();
      } else if (event.altKey && !event.ctrlKey && event.code === "KeyA") {
        event.preventDefault();
        addAction();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, addAction]);

  const errorList = Object.entries(errors).flatMap(([field, messages]) => (messages?.[0] ? [{ field, message: messages[0] }] : []));
  const fieldError = (field: string) => errors[field]?.[0];
  const rowFieldId = (field: string) => {
    const match = /^actions\.(\d+)\.(\w+)$/.exec(field);
    if (!match) return id(field === "discussionSummary" ? "discussion" : field);
    const row = draft.actions[Number(match[1])];
    const parts: Record<string, string> = {
      dueDate: "day",
      completedOn: "done-day",
      outcome: "outcome",
      organisationId: "org",
      assignedUserId: "officer",
    };
    const part = parts[match[2]!] ?? "title";
    return row ? `action-${part}-${row.key}` : id("discussion");
  };

  return (
    <article aria-labelledby={`case-heading-${item.id}`}>
      <div className="grid gap-8 lg:grid-cols-2">
        <div>
          <PackItemDetails item={item} headingId={`case-heading-${item.id}`} />
          <h3 className="heading-s mb-1 mt-6">Actions agreed at this meeting</h3>
          <ActionsList actions={item.agreedActions} empty="None yet." />
        </div>
        <form method="post" ref={formRef} onSubmit={save} noValidate aria-label={`Record for ${item.case.reference}`}>
          {restored ? (
            <div role="status" className="mb-4 p-3 border-l-4 border-tag-blue bg-tag-blue-bg body-m">
              Unsaved text from earlier on this device has been restored. Save the case to keep it.
            </div>
          ) : null}
          <div
            ref={summaryRef}
            tabIndex={-1}
            role={status ? (status.kind === "saved" ? "status" : "alert") : undefined}
            className="focus:outline-3"
          >
            {status?.kind === "saved" ? <p className="mb-4 p-3 border-l-4 border-tag-green bg-tag-green-bg body-m">{status.text}</p> : null}
            {status?.kind === "problem" ? (
              <div className="mb-4 p-3 border-4 border-error body-m">
                <p className="heading-s mb-2">{status.text}</p>
                {errorList.length > 0 ? (
                  <ul className="list-none p-0 m-0">
                    {errorList.map((e) => (
                      <li key={e.field}>
                        <a href={`#${rowFieldId(e.field)}`} className="text-error font-bold">
                          {e.message}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </div>

          <Text
            id={id("discussion")}
            label="Discussion summary"
            hint="What the panel heard and discussed"
            rows={6}
            value={draft.discussionSummary}
            error={fieldError("discussionSummary")}
            onChange={(v) => change({ ...draft, discussionSummary: v })}
          />
          <Text
            id={id("decision")}
            label="Decision"
            hint="What the panel decided"
            rows={3}
            value={draft.decision}
            error={fieldError("decision")}
            onChange={(v) => change({ ...draft, decision: v })}
          />
          <div className="choice choice-checkbox mb-6">
            <input
              className="choice-input"
              id={id("reviewed")}
              type="checkbox"
              checked={draft.reviewed}
              onChange={(e) => change({ ...draft, reviewed: e.currentTarget.checked })}
            />
            <label className="choice-label body-m" htmlFor={id("reviewed")}>
              The panel has reviewed this case
            </label>
          </div>

          <fieldset className="mb-6">
            <legend className="heading-s mb-2">New actions</legend>
            {draft.actions.length === 0 ? <p className="body-m text-ink-secondary">No new actions. Use “Add an action” (Alt+A).</p> : null}
            {draft.actions.map((row, n) => (
              <fieldset key={row.key} className="mb-4 p-3 border-2 border-border">
                <legend className="body-m font-bold px-1">Action {n + 1}</legend>
                <Text
                  id={`action-title-${row.key}`}
                  label="What needs to be done"
                  rows={2}
                  value={row.title}
                  error={fieldError(`actions.${n}.title`)}
                  onChange={(v) => change({ ...draft, actions: draft.actions.map((r) => (r.key === row.key ? { ...r, title: v } : r)) })}
                />
                <div className="mb-4">
                  <label className="block body-m font-bold mb-1" htmlFor={`action-org-${row.key}`}>
                    Organisation
                  </label>
                  {fieldError(`actions.${n}.organisationId`) ? (
                    <p className="text-error font-bold body-m mb-1" id={`action-org-${row.key}-error`}>
                      {fieldError(`actions.${n}.organisationId`)}
                    </p>
                  ) : null}
                  <select
                    id={`action-org-${row.key}`}
                    value={row.organisationId}
                    aria-describedby={fieldError(`actions.${n}.organisationId`) ? `action-org-${row.key}-error` : undefined}
                    onChange={(e) =>
                      change({
                        ...draft,
                        actions: draft.actions.map((r) =>
                          r.key === row.key ? { ...r, organisationId: e.currentTarget.value, assignedUserId: "" } : r,
                        ),
                      })
                    }
                    className={cx(
                      "block h-10 min-w-[11.5em] max-w-full px-[5px] border-2 bg-white body-m",
                      fieldError(`actions.${n}.organisationId`) ? "border-error" : "border-border-input",
                    )}
                  >
                    <option value="">Select an attending organisation</option>
                    {organisations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name} ({o.shortName})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="mb-4">
                  <label className="block body-m font-bold mb-1" htmlFor={`action-officer-${row.key}`}>
                    Officer (optional)
                  </label>
                  <p className="body-s text-ink-secondary mb-1" id={`action-officer-${row.key}-hint`}>
                    {row.organisationId ? "Leave as the organisation to let it decide who does it." : "Select the organisation first."}
                  </p>
                  {fieldError(`actions.${n}.assignedUserId`) ? (
                    <p className="text-error font-bold body-m mb-1" id={`action-officer-${row.key}-error`}>
                      {fieldError(`actions.${n}.assignedUserId`)}
                    </p>
                  ) : null}
                  <select
                    id={`action-officer-${row.key}`}
                    value={row.assignedUserId}
                    aria-describedby={[
                      `action-officer-${row.key}-hint`,
                      fieldError(`actions.${n}.assignedUserId`) ? `action-officer-${row.key}-error` : "",
                    ]
                      .join(" ")
                      .trim()}
                    onChange={(e) =>
                      change({
                        ...draft,
                        actions: draft.actions.map((r) => (r.key === row.key ? { ...r, assignedUserId: e.currentTarget.value } : r)),
                      })
                    }
                    className="block h-10 min-w-[11.5em] max-w-full px-[5px] border-2 bg-white body-m border-border-input"
                  >
                    <option value="">The organisation (no named officer)</option>
                    {officers
                      .filter((o) => o.organisationId === row.organisationId)
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                  </select>
                </div>
                <ActionDate
                  legend="Due date"
                  prefix="due"
                  row={row}
                  error={fieldError(`actions.${n}.dueDate`)}
                  onChange={(next) => change({ ...draft, actions: draft.actions.map((r) => (r.key === row.key ? next : r)) })}
                />
                {held ? (
                  <>
                    <ActionDate
                      legend="Done on (optional)"
                      hint="If it has been done since the meeting, the day it was done"
                      prefix="done"
                      row={row}
                      error={fieldError(`actions.${n}.completedOn`)}
                      onChange={(next) => change({ ...draft, actions: draft.actions.map((r) => (r.key === row.key ? next : r)) })}
                    />
                    <Text
                      id={`action-outcome-${row.key}`}
                      label="What was done (optional)"
                      rows={2}
                      value={row.outcome}
                      error={fieldError(`actions.${n}.outcome`)}
                      onChange={(v) =>
                        change({ ...draft, actions: draft.actions.map((r) => (r.key === row.key ? { ...r, outcome: v } : r)) })
                      }
                    />
                  </>
                ) : null}
                <button
                  type="button"
                  className="app-button body-s px-2 py-1 border-2 border-ink bg-white"
                  onClick={() => change({ ...draft, actions: draft.actions.filter((r) => r.key !== row.key) })}
                >
                  Remove action {n + 1}
                </button>
              </fieldset>
            ))}
            <Button type="button" variant="secondary" onClick={addAction}>
              Add an action (Alt+A)
            </Button>
          </fieldset>

          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : "Save this case (Ctrl+Enter)"}
          </Button>
          {item.reviewedAt ? (
            <p className="body-s">
              <Tag colour="green">Reviewed</Tag>
            </p>
          ) : null}
        </form>
      </div>
    </article>
  );
}

function Text({
  id,
  label,
  hint,
  rows,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  rows: number;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-4">
      <label className="block body-m font-bold mb-1" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="body-s text-ink-secondary mb-1">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-error font-bold body-m mb-1">
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
        className={cx("block w-full p-[5px] border-2 bg-white body-m", error ? "border-error" : "border-border-input")}
      />
    </div>
  );
}

/** An action's day, month and year boxes (its due date, or the day it was done), kept in the draft. */
function ActionDate({
  legend,
  hint,
  prefix,
  row,
  error,
  onChange,
}: {
  legend: string;
  hint?: string;
  prefix: "due" | "done";
  row: ActionRow;
  error: string | undefined;
  onChange: (next: ActionRow) => void;
}) {
  const errorId = `action-${prefix}-${row.key}-error`;
  const hintId = `action-${prefix}-${row.key}-hint`;
  return (
    <fieldset className="mb-4" aria-describedby={[hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined}>
      <legend className="body-m font-bold mb-1">{legend}</legend>
      {hint ? (
        <p id={hintId} className="body-s text-ink-secondary mb-1">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="text-error font-bold body-m mb-1" id={errorId}>
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
      <div className="flex gap-3">
        {(["Day", "Month", "Year"] as const).map((part) => (
          <div key={part}>
            <label className="block body-s" htmlFor={`action-${prefix === "due" ? "" : "done-"}${part.toLowerCase()}-${row.key}`}>
              {part}
            </label>
            <input
              id={`action-${prefix === "due" ? "" : "done-"}${part.toLowerCase()}-${row.key}`}
              inputMode="numeric"
              className={cx(
                "h-10 px-1 border-2 bg-white body-m",
                part === "Year" ? "w-20" : "w-12",
                error ? "border-error" : "border-border-input",
              )}
              value={row[`${prefix}${part}`]}
              onChange={(e) => onChange({ ...row, [`${prefix}${part}`]: e.currentTarget.value })}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
