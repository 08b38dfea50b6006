import type { CallService } from '../../services/callService';
import type { HandlerMap } from '../dispatch';

type CallChannels =
  | 'call:start'
  | 'call:get'
  | 'call:answer'
  | 'call:back'
  | 'call:setDetails'
  | 'call:toggleHold'
  | 'call:drop'
  | 'call:complete'
  | 'call:amend'
  | 'call:inProgress';

export function callHandlers(calls: CallService): Pick<HandlerMap, CallChannels> {
  return {
    'call:start': (input) => calls.start(input),
    'call:get': ({ id }) => calls.view(id),
    'call:answer': ({ id, answer }) => calls.answer(id, answer),
    'call:back': ({ id, trailIndex }) => calls.back(id, trailIndex),
    'call:setDetails': ({ id, details }) => calls.setDetails(id, details),
    'call:toggleHold': ({ id }) => calls.toggleHold(id),
    'call:drop': ({ id }) => calls.drop(id),
    'call:complete': ({ id, finish }) => calls.complete(id, finish),
    'call:amend': ({ id, what, why }) => calls.amend(id, what, why),
    'call:inProgress': () => calls.inProgress(),
  };
}
