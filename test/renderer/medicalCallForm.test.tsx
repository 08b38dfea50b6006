// The medical-plan offer after a dental call: only the patient's own medical coverage (with its member
// ID and the payer's medical line as the number dialled), or, with none on file, the way to add it.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MedicalCallForm } from '../../src/renderer/src/screens/Call/MedicalCallForm';
import { useNavStore } from '../../src/renderer/src/stores/navStore';
import { usePatientsStore } from '../../src/renderer/src/stores/patientsStore';
import type { CallView } from '../../src/shared/script/callViews';
import { installFakeApi } from './fakeApi';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
const view = {
  id: 7,
  patient: { id: 3, name: 'Mrkfirst Synthpatient' },
  medicalCodes: ['D0310'],
} as CallView;
const plan = (id: number, payerId: number, name: string, planType: string) => ({
  id,
  payerId,
  payerName: `Fictional Payer ${payerId} (test)`,
  name,
  groupNumber: null,
  employerName: null,
  planType,
  isSample: false,
});
const coverage = (id: number, p: ReturnType<typeof plan>, memberId: string) => ({
  id,
  patientId: 3,
  plan: p,
  ordinal: id,
  memberId,
  subscriberName: 'Mrkfirst Synthpatient',
  subscriberDob: null,
  relationship: 'self',
});
const payer = (id: number, phoneBenefits: string | null, phoneMedical: string | null) => ({
  id,
  name: `Fictional Payer ${id} (test)`,
  phoneBenefits,
  phoneMedical,
});

describe('the medical-plan offer', () => {
  beforeEach(() => useNavStore.setState({ screen: 'call' }));

  it("offers only the patient's own medical coverage, dialling the payer's medical line", async () => {
    const plansList = vi.fn(() => ok([plan(9, 2, 'Someone else’s Medical', 'medical')]));
    installFakeApi({
      patientsGet: vi.fn(() =>
        ok({
          id: 3,
          coverages: [
            coverage(1, plan(4, 1, 'Dental PPO', 'ppo'), 'DEN-1'),
            coverage(2, plan(5, 2, 'Medical Choice', 'medical'), 'MED-5'),
          ],
        }),
      ) as never,
      payersList: vi.fn(() => ok([payer(1, '555-0101', null), payer(2, '555-0102', '555-0142')])) as never,
      plansList: plansList as never,
    });
    render(<MedicalCallForm view={view} />);
    const select = await screen.findByLabelText('Medical coverage');
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Fictional Payer 2 (test), Medical Choice (member ID MED-5)',
    ]);
    expect(screen.getByLabelText('Number dialled')).toHaveValue('555-0142');
    expect(plansList).not.toHaveBeenCalled();
  });

  it('with no medical coverage on file, says so and opens the patient to add it', async () => {
    const patientsGet = vi.fn(() =>
      ok({ id: 3, coverages: [coverage(1, plan(4, 1, 'Dental PPO', 'ppo'), 'DEN-1')] }),
    );
    installFakeApi({
      patientsGet: patientsGet as never,
      payersList: vi.fn(() => ok([payer(1, '555-0101', null)])) as never,
    });
    render(<MedicalCallForm view={view} />);
    expect(await screen.findByText(/has no medical coverage on file/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Medical coverage')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: "Add Mrkfirst Synthpatient's medical coverage" }));
    await waitFor(() => expect(useNavStore.getState().screen).toBe('patients'));
    expect(usePatientsStore.getState().patient?.id).toBe(3);
  });
});
