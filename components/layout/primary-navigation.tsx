"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { cx } from "@/components/ui/class-names";
import { isCurrentSection, type NavigationItem } from "./navigation";

const subscribeNever = () => () => {};

/**
 * The service's main navigation. On phones the list folds behind a "Menu" button once JavaScript
 * has loaded (without it the list simply shows); from 640px up the items sit in a row and wrap.
 */
export function PrimaryNavigation({ items }: { items: readonly NavigationItem[] }) {
  const pathname = usePathname() ?? "/";
  // true only after hydration, so the server and first client render agree
  const enhanced = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    // close the menu after navigating
    setOpenedAt(pathname);
    setOpen(false);
  }
  const collapsed = enhanced && !open;

  return (
    <div className="bg-surface border-b border-border">
      <nav aria-label="Main" className="mx-auto w-full max-w-page px-4 sm:px-8">
        {enhanced ? (
          <button
            type="button"
            aria-controls="main-navigation"
            aria-expanded={open}
            onClick={() => setOpen((value) => !value)}
            className="sm:hidden my-2 py-1.5 bg-transparent border-0 font-bold text-link cursor-pointer inline-flex items-center gap-2"
          >
            Menu
            <svg aria-hidden="true" focusable="false" viewBox="0 0 12 8" className={cx("w-3 h-2 fill-current", open && "rotate-180")}>
              <path d="M0 0h12L6 8z" />
            </svg>
          </button>
        ) : null}
        <ul
          id="main-navigation"
          className={cx("list-none m-0 p-0 flex-col sm:flex-row sm:flex-wrap sm:gap-x-6", collapsed ? "hidden sm:flex" : "flex")}
        >
          {items.map((item) => {
            const current = isCurrentSection(pathname, item.href);
            return (
              <li
                key={item.href}
                className={cx(
                  "py-2 sm:py-0 border-l-4 sm:border-l-0 sm:border-b-4 pl-3 sm:pl-0",
                  current ? "border-brand" : "border-transparent",
                )}
              >
                <Link
                  href={item.href}
                  aria-current={current ? "page" : undefined}
                  className={cx("link-no-visited inline-block sm:py-3 body-m", current ? "font-bold no-underline hover:underline" : "")}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
