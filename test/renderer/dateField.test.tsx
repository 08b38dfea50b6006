// The one date field: typed the US way, handed to the form as YYYY-MM-DD, shown back as MM/DD/YYYY, and
// a date that does not exist is explained when the field is left (not while it is being typed).
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DateField } from '../../src/renderer/src/components/DateField';

function Form({ seen, initial = '', past = false }: { seen: string[]; initial?: string; past?: boolean }) {
  const [value, setValue] = useState(initial);
  return (
    <DateField
      id="d"
      label="Date of birth"
      past={past}
      value={value}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

describe('DateField', () => {
  it('hands the form YYYY-MM-DD for 12/1/26 and shows 12/01/2026 once left', () => {
    const seen: string[] = [];
    render(<Form seen={seen} />);
    const input = screen.getByLabelText('Date of birth');
    fireEvent.change(input, { target: { value: '12/1/26' } });
    expect(seen.at(-1)).toBe('2026-12-01');
    fireEvent.blur(input);
    expect(input).toHaveValue('12/01/2026');
  });

  it('shows a stored date in US form', () => {
    render(<Form seen={[]} initial="1970-01-02" />);
    expect(screen.getByLabelText('Date of birth')).toHaveValue('01/02/1970');
  });

  it('says what is wrong with 02/30/2026 when the field is left, and the form gets no date', () => {
    const seen: string[] = [];
    render(<Form seen={seen} />);
    const input = screen.getByLabelText('Date of birth');
    fireEvent.change(input, { target: { value: '02/30/2026' } });
    expect(screen.queryByText(/February 2026 has 28 days/)).toBeNull();
    fireEvent.blur(input);
    expect(screen.getByText('February 2026 has 28 days: check the day.')).toBeTruthy();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(seen.at(-1)).toBe('02/30/2026');
  });

  it('places a two-digit birth year in the past', () => {
    const seen: string[] = [];
    render(<Form seen={seen} past />);
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1/2/70' } });
    expect(seen.at(-1)).toBe('1970-01-02');
  });
});
