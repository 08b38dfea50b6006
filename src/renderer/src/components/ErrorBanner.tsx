import { useErrorStore } from '../stores/errorStore';
import { Kbd } from './Kbd';

export function ErrorBanner() {
  const error = useErrorStore((s) => s.error);
  const dismiss = useErrorStore((s) => s.dismiss);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{error.message}</p>
      <button type="button" onClick={dismiss}>
        Dismiss <Kbd>Esc</Kbd>
      </button>
    </div>
  );
}
