import type { Ledger } from '../../ledger/ledger';
import { toFieldView } from '../../ledger/knowledge';
import type { HandlerMap } from '../dispatch';

export function ledgerHandlers(ledger: Ledger): Pick<HandlerMap, 'ledger:history' | 'ledger:resolve'> {
  return {
    'ledger:history': ({ subject, field, code }) => ledger.history(subject, field, code),
    'ledger:resolve': async ({ subject, field, code, uid }) => {
      await ledger.resolve(subject, field, code, uid);
      return toFieldView(await ledger.derive(subject, field, code));
    },
  };
}
