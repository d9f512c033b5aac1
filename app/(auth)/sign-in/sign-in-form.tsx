"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";

export type SignInProblem = "incorrect" | "locked" | "unavailable" | "code";

// Never say which of the two was wrong: that would tell an attacker which email addresses exist.
const PROBLEM_MESSAGES: Record<SignInProblem, string> = {
  incorrect: "The email address or password is incorrect.",
  locked: "Too many failed attempts. Wait 15 minutes and try again, or ask your administrator.",
  unavailable: "Sorry, there is a problem with the service. Try again later.",
  code: "The code is not right, or it has already been used. Enter the code your app shows now, or a recovery code.",
};

type FieldErrors = { email?: string; password?: string; code?: string };

export function SignInForm({ callbackPath, initialProblem }: { callbackPath: string; initialProblem?: SignInProblem }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<SignInProblem | undefined>(initialProblem);
  // The second step: the password was right and the account has two-factor sign-in. The e-mail
  // and password stay in memory only and are sent again with the code (no session exists yet).
  const [codeStep, setCodeStep] = useState(false);
  const [code, setCode] = useState("");
  const submitting = useRef(false);

  const summary: ErrorSummaryItem[] = [
    ...(fieldErrors.email ? [{ text: fieldErrors.email, href: "#email" }] : []),
    ...(fieldErrors.password ? [{ text: fieldErrors.password, href: "#password" }] : []),
    ...(fieldErrors.code ? [{ text: fieldErrors.code, href: "#code" }] : []),
    ...(problem === "incorrect" ? [{ text: PROBLEM_MESSAGES.incorrect, href: "#email" }] : []),
    ...(problem === "code" ? [{ text: PROBLEM_MESSAGES.code, href: "#code" }] : []),
    ...(problem === "locked" || problem === "unavailable" ? [{ text: PROBLEM_MESSAGES[problem] }] : []),
  ];
  useErrorPageTitle(summary.length > 0);

  // The forms say method="post": one submitted before the page's script has started (a slow
  // connection, a busy computer) or without script would otherwise be a GET, and put the email
  // address and password in the address bar, the browser history and the server's logs.
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;

    const errors: FieldErrors = {};
    if (!codeStep && email.trim() === "") errors.email = "Enter your email address";
    if (!codeStep && password === "") errors.password = "Enter your password";
    if (codeStep && code.trim() === "") errors.code = "Enter the code from your authenticator app";
    setFieldErrors(errors);
    setProblem(undefined);
    if (errors.email || errors.password || errors.code) return;

    submitting.current = true;
    try {
      const result = await signIn("credentials", { email: email.trim(), password, ...(codeStep ? { code: code.trim() } : {}), redirect: false });
      if (result && !result.error && result.ok) {
        // A full page load, so every server component renders for the newly signed-in user.
        window.location.assign(callbackPath);
        return;
      }
      if (result?.error === "CODE_REQUIRED") {
        setCodeStep(true);
        submitting.current = false;
        return;
      }
      if (result?.error === "CODE_INVALID") {
        setProblem("code");
        setCode("");
        submitting.current = false;
        return;
      }
      setProblem(result?.error === "LOCKED" ? "locked" : result ? "incorrect" : "unavailable");
    } catch {
      setProblem("unavailable");
    }
    // Keep the email address; never keep a password that did not work.
    setPassword("");
    setCode("");
    setCodeStep(false);
    submitting.current = false;
  }

  if (codeStep) {
    return (
      <>
        <ErrorSummary errors={summary} />
        <PageHeading caption="Sign in">Enter the code from your authenticator app</PageHeading>
        <form method="post" onSubmit={handleSubmit} noValidate>
          <TextInput
            id="code"
            label="Code"
            hint="The 6-digit code your app shows now. If you do not have your phone, enter one of your recovery codes."
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            width={10}
            autoFocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldErrors.code ?? (problem === "code" ? PROBLEM_MESSAGES.code : undefined)}
          />
          <Button type="submit">Continue</Button>
        </form>
        <p>If you have lost your phone and your recovery codes, ask your organisation&apos;s administrator.</p>
      </>
    );
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading>Sign in</PageHeading>
      <form method="post" onSubmit={handleSubmit} noValidate>
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
