// Impossible money pairs within one call, and what is never impossible: an unknown amount, or an amount
// with nothing earlier to compare it with.
import { describe, expect, it } from 'vitest';
import { answerLimitProblem } from '../../../src/shared/script/answerLimits';
import type { Answer } from '../../../src/shared/script/scriptTypes';

const money = (value: number | null): Answer => ({ type: 'money', value });

describe('answers that cannot both be true', () => {
  it('maximum left may equal the maximum but not pass it', () => {
    const earlier = { annual_max: money(150_000) };
    expect(answerLimitProblem('max_remaining', money(150_000), earlier)).toBeNull();
    expect(answerLimitProblem('max_remaining', money(150_001), earlier)).toMatch(
      /^\$1,500\.01 left is more than the annual maximum of \$1,500\.00/,
    );
  });

  it("deductible met may be up to the larger deductible given (the patient's or the family's), not more", () => {
    const both = { deductible_individual: money(5_000), deductible_family: money(15_000) };
    expect(answerLimitProblem('deductible_met', money(15_000), both)).toBeNull();
    expect(answerLimitProblem('deductible_met', money(15_001), both)).toMatch(
      /^\$150\.01 met is more than the deductible of \$150\.00/,
    );
    const individualOnly = { deductible_individual: money(5_000), deductible_family: money(null) };
    expect(answerLimitProblem('deductible_met', money(5_001), individualOnly)).toMatch(
      /more than the deductible of \$50\.00/,
    );
  });

  it('a family deductible below the individual one is refused', () => {
    expect(
      answerLimitProblem('deductible_family', money(2_500), { deductible_individual: money(5_000) }),
    ).toMatch(/less than the individual deductible of \$50\.00/);
  });

  it('unknown amounts, missing earlier answers and other steps are never impossible', () => {
    expect(answerLimitProblem('max_remaining', money(null), { annual_max: money(100) })).toBeNull();
    expect(answerLimitProblem('max_remaining', money(900_000), {})).toBeNull();
    expect(answerLimitProblem('max_remaining', money(900_000), { annual_max: money(null) })).toBeNull();
    expect(answerLimitProblem('annual_max', money(1), { max_remaining: money(900_000) })).toBeNull();
  });
});
