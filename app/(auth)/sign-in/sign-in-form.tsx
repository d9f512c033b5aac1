"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";

export type SignInProblem = "incorrect" | "locked" | "unavailable";

// Never say which of the two was wrong: that would tell an attacker which email addresses exist.
const PROBLEM_MESSAGES: Record<SignInProblem, string> = {
  incorrect: "The email address or password is incorrect.",
  locked: "Too many failed attempts. Wait 15 minutes and try again, or ask your administrator.",
  unavailable: "Sorry, there is a problem with the service. Try again later.",
};

type FieldErrors = { email?: string; password?: string };

export function SignInForm({ callbackPath, initialProblem }: { callbackPath: string; initialProblem?: SignInProblem }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<SignInProblem | undefined>(initialProblem);
  const submitting = useRef(false);

  const summary: ErrorSummaryItem[] = [
    ...(fieldErrors.email ? [{ text: fieldErrors.email, href: "#email" }] : []),
    ...(fieldErrors.password ? [{ text: fieldErrors.password, href: "#password" }] : []),
    ...(problem === "incorrect" ? [{ text: PROBLEM_MESSAGES.incorrect, href: "#email" }] : []),
    ...(problem === "locked" || problem === "unavailable" ? [{ text: PROBLEM_MESSAGES[problem] }] : []),
  ];
  useErrorPageTitle(summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;

    const errors: FieldErrors = {};
    if (email.trim() === "") errors.email = "Enter your email address";
    if (password === "") errors.password = "Enter your password";
    setFieldErrors(errors);
    setProblem(undefined);
    if (errors.email || errors.password) return;

    submitting.current = true;
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (result && !result.error && result.ok) {
        // A full page load, so every server component renders for the newly signed-in user.
        window.location.assign(callbackPath);
        return;
      }
      setProblem(result?.error === "LOCKED" ? "locked" : result ? "incorrect" : "unavailable");
    } catch {
      setProblem("unavailable");
    }
    // Keep the email address; never keep a password that did not work.
    setPassword("");
    submitting.current = false;
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading>Sign in</PageHeading>
      <form onSubmit={handleSubmit} noValidate>
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          width={30}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldErrors.email ?? (problem === "incorrect" ? PROBLEM_MESSAGES.incorrect : undefined)}
        />
        <TextInput
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          width={30}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
        />
        <Button type="submit">Sign in</Button>
      </form>
      <p>If you have forgotten your password or cannot sign in, ask your organisation&apos;s administrator.</p>
    </>
  );
}
