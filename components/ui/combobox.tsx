"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "./class-names";
import { ErrorMessage, FormGroup, Hint, describedBy, errorId, firstError, hintId, type FieldError } from "./field";
import { inputClasses, type InputWidth } from "./text-input";

// A search-as-you-type picker following the ARIA 1.2 combobox pattern (list autocomplete): a text
// input with role="combobox" that owns a listbox of suggestions fetched from `source` as the user
// types. The search is a JSON POST, never a query string: what was typed (a name, an address) is
// personal data and must stay out of URLs and access logs. Up/Down move through the options, Enter
// picks, Escape closes (and then clears). The number of suggestions is announced politely. An
// explicit "create new" option, when offered, always comes after the suggestions, so an existing
// record is offered first. Once picked, the value is shown with a "Change" button, and a hidden
// input carries its id for the form.

export type ComboboxValue = { id: string; label: string };

/** Where suggestions come from: the endpoint, POSTed the JSON body built from the trimmed query. */
export type ComboboxSource = { endpoint: string; body: (query: string) => Record<string, unknown> };

/** A button that reads as a link ("Change", "Remove"): for actions inside a form. */
export const linkButtonClasses = "focus-like-link link-button";

export type ComboboxProps<T> = {
  /** The text input's id (error summary links point here); the listbox is `${id}-listbox`. */
  id: string;
  /** The hidden input carrying the chosen id. */
  name: string;
  /** Posts what was typed (without picking) under this name, e.g. for a name or postcode search. */
  queryName?: string;
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  /** The search: `{ endpoint: "/api/people/search", body: (q) => ({ q }) }`. */
  source: ComboboxSource;
  /** The suggestions in the search's JSON answer. */
  toOptions: (json: unknown) => T[];
  optionKey: (option: T) => string;
  /** The text shown once the option is picked (and read out for it). */
  optionLabel: (option: T) => string;
  /** The option's content in the list; the label alone when not given. */
  renderOption?: (option: T) => ReactNode;
  /** For the announcement: { one: "person", many: "people" } → "5 people found". */
  noun: { one: string; many: string };
  /** Controlled: the picked value (or null) and a change handler. */
  value?: ComboboxValue | null;
  onChange?: (value: ComboboxValue | null) => void;
  /** Uncontrolled: the value picked initially. */
  defaultValue?: ComboboxValue | null;
  /** The text in the box initially (e.g. a search that was submitted). */
  defaultQuery?: string;
  /** "Add a new person": offered after the suggestions when given, with `onCreate`. */
  createLabel?: string;
  onCreate?: (query: string) => void;
  /** Characters typed before searching. Default 2. */
  minLength?: number;
  debounceMs?: number;
  width?: InputWidth;
  className?: string;
};

type Status = "idle" | "searching" | "done" | "failed";

export function Combobox<T>({
  id,
  name,
  queryName,
  label,
  hint,
  error,
  source,
  toOptions,
  optionKey,
  optionLabel,
  renderOption,
  noun,
  value: controlledValue,
  onChange,
  defaultValue = null,
  defaultQuery = "",
  createLabel,
  onCreate,
  minLength = 2,
  debounceMs = 250,
  width = 30,
  className,
}: ComboboxProps<T>) {
  const [uncontrolledValue, setUncontrolledValue] = useState<ComboboxValue | null>(defaultValue);
  const value = controlledValue !== undefined ? controlledValue : uncontrolledValue;
  const [query, setQuery] = useState(defaultQuery);
  const [options, setOptions] = useState<T[]>([]);
  const [status, setStatus] = useState<Status>("idle");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<"input" | "change" | null>(null);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listboxId = `${id}-listbox`;
  const statusId = useId();
  const message = firstError(error);

  const offerCreate = Boolean(createLabel && onCreate) && query.trim().length >= minLength && status !== "searching";
  const itemCount = options.length + (offerCreate ? 1 : 0);
  // Open only when there is something to show: aria-expanded never claims an empty list.
  const expanded = open && itemCount > 0;
  const optionId = (index: number) => (index < options.length ? `${id}-option-${index}` : `${id}-option-new`);

  useEffect(() => {
    if (focusAfterRender.current === "input") inputRef.current?.focus();
    if (focusAfterRender.current === "change") changeRef.current?.focus();
    focusAfterRender.current = null;
  });

  useEffect(
    () => () => {
      request.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function setValue(next: ComboboxValue | null) {
    if (controlledValue === undefined) setUncontrolledValue(next);
    onChange?.(next);
  }

  function search(text: string) {
    if (timer.current) clearTimeout(timer.current);
    request.current?.abort();
    if (text.trim().length < minLength) {
      setOptions([]);
      setStatus("idle");
      setOpen(false);
      setActive(-1);
      setAnnouncement("");
      return;
    }
    setStatus("searching");
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      request.current = controller;
      try {
        const response = await fetch(source.endpoint, {
          method: "POST",
          signal: controller.signal,
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          body: JSON.stringify(source.body(text.trim())),
        });
        if (!response.ok) throw new Error(`search answered ${response.status}`);
        const found = toOptions(await response.json());
        if (controller.signal.aborted) return;
        setOptions(found);
        setStatus("done");
        setOpen(true);
        setActive(-1);
        const count = found.length === 0 ? `No ${noun.many} found` : `${found.length} ${found.length === 1 ? noun.one : noun.many} found`;
        setAnnouncement(createLabel && onCreate ? `${count}. ${createLabel} is the last option.` : `${count}.`);
      } catch (failure) {
        if (controller.signal.aborted || (failure instanceof DOMException && failure.name === "AbortError")) return;
        setOptions([]);
        setStatus("failed");
        setOpen(Boolean(createLabel && onCreate));
        setActive(-1);
        setAnnouncement("Search is not working at the moment. Try again.");
      }
    }, debounceMs);
  }

  function pick(index: number) {
    if (index >= options.length) {
      const typed = query.trim();
      close();
      onCreate?.(typed);
      return;
    }
    const option = options[index];
    if (option === undefined) return;
    setValue({ id: optionKey(option), label: optionLabel(option) });
    setQuery("");
    setOptions([]);
    setStatus("idle");
    close();
    setAnnouncement(`${optionLabel(option)} chosen`);
    focusAfterRender.current = "change";
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (itemCount === 0) return;
        setOpen(true);
        setActive((current) => (!expanded || current >= itemCount - 1 ? 0 : current + 1));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (itemCount === 0) return;
        setOpen(true);
        setActive((current) => (!expanded || current <= 0 ? itemCount - 1 : current - 1));
        return;
      case "Enter":
        // Enter picks; with the list open it never submits the form by accident.
        if (expanded) {
          event.preventDefault();
          if (active >= 0) pick(active);
        }
        return;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          close();
        } else if (query) {
          event.preventDefault();
          setQuery("");
          search("");
        }
        return;
      case "Tab":
        close();
        return;
    }
  }

  const liveRegion = (
    <div id={statusId} role="status" aria-live="polite" aria-atomic="true" className="sr-only">
      {announcement}
    </div>
  );

  if (value) {
    return (
      <FormGroup hasError={Boolean(message)} className={className}>
        <p className="block mb-1.5 body-m" id={`${id}-label`}>
          {label}
        </p>
        {message ? <ErrorMessage id={errorId(id)}>{message}</ErrorMessage> : null}
        <div
          id={id}
          role="group"
          tabIndex={-1}
          aria-labelledby={`${id}-label ${id}-value`}
          className="focus-box flex flex-wrap items-baseline gap-x-4 gap-y-1 max-w-[40rem] px-3 py-2 border-2 border-border bg-white"
        >
          <span id={`${id}-value`} className="body-m font-bold">
            {value.label}
          </span>
          <button
            ref={changeRef}
            type="button"
            className={linkButtonClasses}
            onClick={() => {
              setValue(null);
              setAnnouncement("");
              focusAfterRender.current = "input";
            }}
          >
            Change<span className="sr-only"> {label.toLowerCase()}</span>
          </button>
        </div>
        <input type="hidden" name={name} value={value.id} />
        {liveRegion}
      </FormGroup>
    );
  }

  const activeId = expanded && active >= 0 ? optionId(active) : undefined;
  return (
    <FormGroup hasError={Boolean(message)} className={className}>
      <label htmlFor={id} className="block mb-1.5 body-m">
        {label}
      </label>
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {message ? <ErrorMessage id={errorId(id)}>{message}</ErrorMessage> : null}
      <div className={cx("relative", width === "full" ? "" : "max-w-[40rem]")}>
        <input
          ref={inputRef}
          id={id}
          name={queryName}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeId}
          aria-describedby={describedBy(id, { hint, error: message })}
          aria-invalid={message ? true : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            search(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          onFocus={() => {
            if (itemCount > 0 && query.trim().length >= minLength) setOpen(true);
          }}
          className={inputClasses(Boolean(message), width)}
        />
        <ul
          id={listboxId}
          role="listbox"
          aria-label={label}
          hidden={!expanded}
          className="absolute z-20 left-0 right-0 m-0 p-0 list-none bg-white border-2 border-t-0 border-border-input max-h-80 overflow-y-auto shadow-md"
        >
          {options.map((option, index) => (
            <li
              key={optionKey(option)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
              className={cx(
                "px-3 py-2 border-b border-border cursor-pointer body-m",
                index === active ? "bg-brand text-white" : "hover:bg-surface",
              )}
            >
              {renderOption ? renderOption(option) : optionLabel(option)}
            </li>
          ))}
          {offerCreate ? (
            <li
              id={optionId(options.length)}
              role="option"
              aria-selected={active === options.length}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(options.length)}
              className={cx(
                "px-3 py-2 cursor-pointer body-m font-bold",
                active === options.length ? "bg-brand text-white" : "text-link hover:bg-surface",
              )}
            >
              {status === "failed" ? `${createLabel} (search is not working)` : createLabel}
            </li>
          ) : null}
        </ul>
      </div>
      <input type="hidden" name={name} value="" />
      {liveRegion}
    </FormGroup>
  );
}
