// The one date input: takes a date typed the way the desk types it (12/1/2026, 1/1/26, 12012026 or
// 2026-12-01), shows it back as MM/DD/YYYY when the field is left, and hands the form YYYY-MM-DD.
// What the form gets: the stored date when the text is a real date, '' when the field is empty, or the
// text as typed when it is not a date (the form refuses to send it; main would refuse it too).
import { useState, type InputHTMLAttributes } from 'react';
import { isIsoDate } from '../../../shared/dates/calendar';
import { formatDate, parseTypedDate } from '../../../shared/dates/typedDate';
import { today } from '../lib/clock';

interface DateInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'value' | 'onBlur' | 'type'
> {
  /** YYYY-MM-DD, '' or the text as typed. */
  value: string;
  onChange(value: string): void;
  /** A date that cannot be after today (a date of birth): decides the century of a two-digit year. */
  past?: boolean;
  /** The message to show for this date (main's, or the form's); the field's own reading comes first. */
  error?: string | undefined;
  /** Where the message is shown: beside the input (a form field) or under it (a table cell). */
  errorId?: string;
}

/** The text a stored value is shown as: a stored date in US form, anything else as typed. */
const shown = (value: string) => (isIsoDate(value) ? formatDate(value) : value);

/** Reads what was typed: the stored date, '' for nothing, or the text itself when it is not a date. */
export function readTypedDate(text: string, past = false): string {
  if (text.trim() === '') return '';
  const parsed = parseTypedDate(text, { today: today(), past });
  return parsed.ok ? parsed.iso : text;
}

/**
 * What is wrong with a date a form is about to send: nothing when it is a stored date or empty (the
 * form decides whether empty is allowed), else the reason, in the words DateInput shows.
 */
export function typedDateProblem(value: string, past = false): string | undefined {
  if (value === '' || isIsoDate(value)) return undefined;
  const parsed = parseTypedDate(value, { today: today(), past });
  return parsed.ok ? undefined : parsed.message;
}

/** A bare date input (for table cells and inline forms); DateField adds the label and the message. */
export function DateInput({ value, onChange, past = false, error, errorId, id, ...rest }: DateInputProps) {
  const [text, setText] = useState(() => shown(value));
  const [left, setLeft] = useState(false);
  // A new value from outside (another line's copy, a reset, a chosen relationship) replaces the text.
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (readTypedDate(text, past) !== value) setText(shown(value));
  }
  const own = left && text.trim() !== '' ? parseTypedDate(text, { today: today(), past }) : null;
  const problem = own && !own.ok ? own.message : error;
  return (
    <div className="date-input">
      <input
        id={id}
        value={text}
        inputMode="numeric"
        autoComplete="off"
        placeholder="MM/DD/YYYY"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem && errorId ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setLeft(false);
          const next = readTypedDate(e.target.value, past);
          setLastValue(next);
          onChange(next);
        }}
        onBlur={() => {
          setLeft(true);
          if (isIsoDate(readTypedDate(text, past))) setText(formatDate(readTypedDate(text, past)));
        }}
        {...rest}
      />
      {problem && (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      )}
    </div>
  );
}

/** A labelled date field with its message beside it. */
export function DateField({
  id,
  label,
  hint,
  ...props
}: DateInputProps & { id: string; label: string; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint && <span className="hint"> ({hint})</span>}
      </label>
      <DateInput id={id} errorId={`${id}-error`} {...props} />
    </div>
  );
}
