import Link from "next/link";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from "react";
import { cx } from "./class-names";

export type ButtonVariant = "primary" | "secondary" | "warning";

const VARIANT_CLASSES: Record<ButtonVariant, string> = {
  primary: "bg-button text-white shadow-[0_2px_0_var(--color-button-shadow)] hover:bg-button-hover",
  secondary: "bg-button-secondary text-ink shadow-[0_2px_0_var(--color-button-secondary-shadow)] hover:bg-button-secondary-hover",
  warning: "bg-button-warning text-white shadow-[0_2px_0_var(--color-button-warning-shadow)] hover:bg-button-warning-hover",
};

// `app-button` carries the GOV.UK focus state (see globals.css).
const BASE_CLASSES =
  "app-button relative inline-block w-full sm:w-auto mb-6 px-2.5 pt-2 pb-[7px] border-2 border-transparent rounded-none " +
  "text-center align-top body-m leading-[1.1875] no-underline cursor-pointer appearance-none " +
  "active:top-[2px] active:shadow-none disabled:opacity-50 disabled:cursor-not-allowed disabled:active:top-0";

export function buttonClasses(variant: ButtonVariant = "primary", className?: string): string {
  return cx(BASE_CLASSES, VARIANT_CLASSES[variant], className);
}

type CommonProps = { variant?: ButtonVariant; className?: string; children: ReactNode };

export type ButtonAsButtonProps = CommonProps &
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className" | "children"> & { href?: undefined };

export type ButtonAsLinkProps = CommonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "className" | "children" | "href"> & { href: string };

export type ButtonProps = ButtonAsButtonProps | ButtonAsLinkProps;

/**
 * A GOV.UK-style button. With `href` it renders a link that looks like a button (for navigation,
 * e.g. "Log an incident"); otherwise a <button> (type="submit" unless told otherwise).
 */
export function Button(props: ButtonProps) {
  if (props.href !== undefined) {
    const { variant, className, children, href, ...rest } = props;
    return (
      <Link href={href} className={buttonClasses(variant, className)} draggable={false} {...rest}>
        {children}
      </Link>
    );
  }
  const { variant, className, children, type = "submit", ...rest } = props;
  return (
    <button type={type} className={buttonClasses(variant, className)} {...rest}>
      {children}
    </button>
  );
}

/** Lays out buttons and links side by side, wrapping on narrow screens. */
export function ButtonGroup({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx("flex flex-col sm:flex-row sm:flex-wrap sm:items-baseline gap-x-4 mb-2", className)}>{children}</div>;
}
