import type { ReactNode } from "react";
import { cx } from "./class-names";

// The GOV.UK form-group pattern: label above, hint below it, then the error message, then the
// control; a red bar down the left when there is an error. Ids follow one rule so that an error
// summary can link to `#${id}` and the control is described by `${id}-hint` and `${id}-error`.

/** A field's error as forms carry it: one message, a list (zod's flatten) or none. */
export type FieldError = string | readonly string[] | null | undefined;

export function firstError(error: FieldError): string | undefined {
  if (typeof error === "string") return error || undefined;
  return error?.[0];
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/** The aria-describedby value for a control with an optional hint and error. */
export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: string }): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export type LabelSize = "s" | "m" | "l" | "xl";

const LABEL_SIZE_CLASSES: Record<LabelSize | "default", string> = {
  default: "body-m",
  s: "heading-s",
  m: "heading-m",
  l: "heading-l",
  xl: "heading-xl",
};

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="mb-4 body-m text-ink-secondary">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-4 body-m font-bold text-error">
      <span className="sr-only">Error: </span>
      {children}
    </p>
  );
}

export function Label({
  htmlFor,
  size,
  isPageHeading,
  children,
}: {
  htmlFor: string;
  size?: LabelSize;
  isPageHeading?: boolean;
  children: ReactNode;
}) {
  const label = (
    <label htmlFor={htmlFor} className={cx("block mb-1.5", LABEL_SIZE_CLASSES[size ?? (isPageHeading ? "l" : "default")])}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="m-0">{label}</h1> : label;
}

export function FormGroup({ hasError, className, children }: { hasError?: boolean; className?: string; children: ReactNode }) {
  return <div className={cx("mb-6 sm:mb-8", hasError && "border-l-[5px] border-error pl-[15px]", className)}>{children}</div>;
}

/** The props a control inside a Field needs to be labelled and described correctly. */
export type ControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

export type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  labelSize?: LabelSize;
  /** The label is the page's heading (a one-question page). */
  labelIsPageHeading?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** What a control drawn inside a Field takes for its label, hint and error, besides its own attributes. */
export type FieldOwnProps = Omit<FieldProps, "children">;

/** Splits a control's props into the Field's (label, hint, error, layout) and those for the control itself. */
export function splitFieldProps<P extends FieldOwnProps>({
  id,
  label,
  hint,
  error,
  labelSize,
  labelIsPageHeading,
  className,
  ...control
}: P) {
  return { field: { id, label, hint, error, labelSize, labelIsPageHeading, className }, control };
}

/** Wraps a single control (input, textarea, select, or a custom one) with label, hint and error. */
export function Field({ id, label, hint, error, labelSize, labelIsPageHeading, className, children }: FieldProps) {
  const message = firstError(error);
  return (
    <FormGroup hasError={Boolean(message)} className={className}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {message ? <ErrorMessage id={errorId(id)}>{message}</ErrorMessage> : null}
      {children({
        id,
        "aria-describedby": describedBy(id, { hint, error: message }),
        "aria-invalid": message ? true : undefined,
      })}
    </FormGroup>
  );
}

export type FieldsetProps = {
  /** Used for the hint and error ids; the error summary links to the first control inside. */
  id: string;
  legend: ReactNode;
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: FieldError;
  className?: string;
  children: ReactNode;
};

/** Groups related controls (radios, checkboxes, the parts of a date) under one legend. */
export function Fieldset({ id, legend, legendSize, legendIsPageHeading, hint, error, className, children }: FieldsetProps) {
  const message = firstError(error);
  const legendClass = cx("mb-2.5", LABEL_SIZE_CLASSES[legendSize ?? (legendIsPageHeading ? "l" : "default")]);
  return (
    <FormGroup hasError={Boolean(message)} className={className}>
      <fieldset aria-describedby={describedBy(id, { hint, error: message })} className="m-0 p-0 border-0 min-w-0">
        <legend className={legendClass}>{legendIsPageHeading ? <h1 className="m-0">{legend}</h1> : legend}</legend>
        {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
        {message ? <ErrorMessage id={errorId(id)}>{message}</ErrorMessage> : null}
        {children}
      </fieldset>
    </FormGroup>
  );
}
