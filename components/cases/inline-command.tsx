// A one-click change inside a table row or a list ("Remove", "Withdraw"): a small form posting to
// a server action, with the ids it needs as hidden fields (the server checks them all again).

const COMMAND_BUTTON = "focus-like-link link-button";

export function InlineCommand({
  action,
  fields,
  label,
  hiddenText,
}: {
  action: (formData: FormData) => Promise<void>;
  fields: Record<string, string>;
  label: string;
  /** Read after the label by screen readers: "Remove <Kyle Denton, alleged perpetrator>". */
  hiddenText: string;
}) {
  return (
    <form method="post" action={action} className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={COMMAND_BUTTON}>
        {label}
        <span className="sr-only"> {hiddenText}</span>
      </button>
    </form>
  );
}
