// A long code (the recovery code, the office key) in its groups of five, each kept whole at a line end.
export function GroupedCode({ code, label }: { code: string; label: string }) {
  return (
    <p className="recovery-code" aria-label={label}>
      {code.split(/(?<=-)/).map((group, i) => (
        <span key={i} className="code-group">
          {group}
        </span>
      ))}
    </p>
  );
}
