import type { Plan } from '../../../../shared/policy/policyViews';
import { BenefitsForm } from './BenefitsForm';
import { PlanForm } from './PlanForm';

/** The plan's own facts and its benefits; its per-code policies are shown full width below (PayersScreen). */
export function PlanEditor({ plan, payerId }: { plan: Plan | null; payerId: number }) {
  return (
    <div className="plan-editor">
      <h2 className="form-title">{plan ? `${plan.payerName}: ${plan.name}` : 'New plan'}</h2>
      <PlanForm key={plan?.id ?? 'new'} plan={plan} payerId={payerId} />
      {plan && (
        <>
          <h3 className="section-title">Plan benefits</h3>
          <BenefitsForm key={`${plan.id}-${plan.updatedAt}`} plan={plan} />
        </>
      )}
    </div>
  );
}
