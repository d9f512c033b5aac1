"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { signInAction } from "@/lib/auth/actions";
import type { SignInProblem, SignInState } from "@/lib/auth/sign-in-state";

// Never say which of the two was wrong: that would tell an attacker which email addresses exist.
function problemMessage(problem: SignInProblem, retryMinutes = 1): string {
  switch (problem) {
    case "incorrect":
      return "The email address or password is incorrect.";
    case "locked":
      return `There have been too many failed attempts to sign in to this account from here. Wait ${retryMinutes === 1 ? "a minute" : `${retryMinutes} minutes`} and try again.`;
    case "unavailable":
      return "Sorry, the service is unavailable. You have not been signed in. Try again in a few minutes.";
    case "code":
      return "The code is not right, or it has already been used. Enter the code your app shows now, or a recovery code.";
    case "expired":
      return "Signing in took too long. Enter your email address and password again.";
  }
}

/**
 * The sign-in form: a server action, so it signs in with or without JavaScript. The code step
 * carries a short-lived ticket, never the password (lib/auth/second-step.ts).
 */
export function SignInForm({ callbackPath, initial }: { callbackPath: string; initial: SignInState }) {
  const [state, formAction, pending] = useActionState(signInAction, initial);
  const errors = state.fieldErrors ?? {};
  const message = state.problem ? problemMessage(state.problem, state.retryMinutes) : undefined;
  const summary: ErrorSummaryItem[] = [
    ...(errors.email ? [{ text: errors.email, href: "#email" }] : []),
    ...(errors.password ? [{ text: errors.password, href: "#password" }] : []),
    ...(errors.code ? [{ text: errors.code, href: "#code" }] : []),
    ...(message
      ? [
          {
            text: message,
            href: state.problem === "code" ? "#code" : state.problem === "incorrect" || state.problem === "expired" ? "#email" : undefined,
          },
        ]
      : []),
  ];
  useErrorPageTitle(summary.length > 0);

  // method="post": a form submitted before the page's script has started would otherwise be a GET
  // and put the email address and password in the address bar, the history and the server's logs.
  if (state.step === "code") {
    return (
      <>
        <ErrorSummary errors={summary} />
        <PageHeading caption="Sign in">Enter the code from your authenticator app</PageHeading>
        <form method="post" action={formAction} noValidate>
          <input type="hidden" name="callbackUrl" value={callbackPath} />
          <input type="hidden" name="ticket" value={state.ticket ?? ""} />
          <TextInput
            id="code"
            label="Code"
            hint="The 6-digit code your app shows now. If you do not have your phone, enter one of your recovery codes."
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            width={10}
            autoFocus
            defaultValue=""
            error={errors.code ?? (state.problem === "code" ? message : undefined)}
          />
          <Button type="submit" disabled={pending}>
            Continue
          </Button>
        </form>
        <p>If you have lost your phone and your recovery codes, ask your organisation&apos;s administrator.</p>
      </>
    );
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading>Sign in</PageHeading>
      <form method="post" action={formAction} noValidate>
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          width={30}
          defaultValue={state.email ?? ""}
          key={`email-${state.email ?? ""}`}
          error={errors.email ?? (state.problem === "incorrect" ? message : undefined)}
        />
        <TextInput
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          width={30}
          defaultValue=""
          error={errors.password}
        />
        <Button type="submit" disabled={pending}>
          Sign in
        </Button>
      </form>
      <p>If you have forgotten your password or cannot sign in, ask your organisation&apos;s administrator.</p>
    </>
  );
}
