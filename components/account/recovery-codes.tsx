import { WarningText } from "@/components/ui/warning-text";

/** Recovery codes, shown once right after they are made. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="mb-8">
      <h2 id="recovery-codes-heading" className="heading-m">
        Your recovery codes
      </h2>
      <p className="body-m">
        If you lose your phone, sign in with one of these codes instead of a code from the app. Each code works once.
      </p>
      <WarningText>Keep them somewhere safe, away from your phone. They are shown only now.</WarningText>
      <ol className="grid grid-cols-2 gap-x-8 gap-y-1 max-w-[30rem] font-mono body-m list-decimal pl-8" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <span data-testid="recovery-code">{code}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
