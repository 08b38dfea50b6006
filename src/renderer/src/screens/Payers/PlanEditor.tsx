import type { Plan } from '../../../../shared/policy/policyViews';
import { usePayersStore } from '../../stores/payersStore';
import { BenefitsForm } from './BenefitsForm';
import { PlanForm } from './PlanForm';
import { PolicyMatrix } from './PolicyMatrix';

export function PlanEditor({ plan, payerId }: { plan: Plan | null; payerId: number }) {
  const matrix = usePayersStore((s) => s.matrix);
  return (
    <div className="plan-editor">
      <h2 className="form-title">{plan ? `${plan.payerName}: ${plan.name}` : 'New plan'}</h2>
      <PlanForm key={plan?.id ?? 'new'} plan={plan} payerId={payerId} />
      {plan && (
        <>
          <h3 className="section-title">Plan benefits</h3>
          <BenefitsForm key={`${plan.id}-${plan.updatedAt}`} plan={plan} />
          <h3 className="section-title">Per-code policies</h3>
          {matrix && <PolicyMatrix matrix={matrix} />}
        </>
      )}
    </div>
  );
}
