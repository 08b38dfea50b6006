import type { Ledger } from '../../ledger/ledger';
import { toFieldView } from '../../ledger/knowledge';
import type { HandlerMap } from '../dispatch';

export function ledgerHandlers(ledger: Ledger): Pick<HandlerMap, 'ledger:history' | 'ledger:resolve'> {
  return {
    'ledger:history': ({ subject, field, code }) => ledger.history(subject, field, code),
    'ledger:resolve': ({ subject, field, code, uid }) => {
      ledger.resolve(subject, field, code, uid);
      return toFieldView(ledger.derive(subject, field, code));
    },
  };
}
