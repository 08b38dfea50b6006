import type { CallService } from '../../services/callService';
import type { PriorAuthService } from '../../services/priorAuthService';
import type { ReverifyService } from '../../services/reverifyService';
import type { TodoService } from '../../services/todoService';
import type { FilePort, PrintPort } from '../../services/ports';
import type { Office } from '../../../shared/settings/settings';
import type { HandlerMap } from '../dispatch';
import { printDocument } from './printDocument';

type CallChannels =
  | 'call:preflight'
  | 'call:start'
  | 'call:startMedical'
  | 'call:get'
  | 'call:answer'
  | 'call:confirmReadBack'
  | 'call:confirmOnFile'
  | 'call:back'
  | 'call:setDetails'
  | 'call:toggleHold'
  | 'call:drop'
  | 'call:complete'
  | 'call:amend'
  | 'call:inProgress'
  | 'call:search'
  | 'print:verificationRecord'
  | 'print:verificationRecordPdf'
  | 'pa:worklist'
  | 'pa:update'
  | 'pa:history'
  | 'reverify:worklist'
  | 'todo:list'
  | 'todo:update';

export function callHandlers(
  calls: CallService,
  priorAuths: PriorAuthService,
  reverify: ReverifyService,
  todos: TodoService,
  printer: PrintPort,
  files: FilePort,
  office: () => Office,
): Pick<HandlerMap, CallChannels> {
  const record = printDocument(
    printer,
    files,
    office,
    async (id) => {
      await calls.view(id);
      return `print/verification-record/${id}`;
    },
    (id) => `verification-record-${id}.pdf`,
  );
  return {
    'call:preflight': (input) => calls.preflight(input),
    'call:start': (input) => calls.start(input),
    'call:startMedical': ({ dentalCallId, ...input }) => calls.startMedical(dentalCallId, input),
    'call:get': ({ id }) => calls.view(id),
    'call:answer': ({ id, key, answer }) => calls.answer(id, answer, key),
    'call:confirmReadBack': ({ id, key }) => calls.confirmReadBack(id, key),
    'call:confirmOnFile': ({ id, keys }) => calls.confirmOnFile(id, keys),
    'call:back': ({ id, trailIndex }) => calls.back(id, trailIndex),
    'call:setDetails': ({ id, details }) => calls.setDetails(id, details),
    'call:toggleHold': ({ id }) => calls.toggleHold(id),
    'call:drop': ({ id }) => calls.drop(id),
    'call:complete': ({ id, finish }) => calls.complete(id, finish),
    'call:amend': ({ id, what, why }) => calls.amend(id, what, why),
    'call:inProgress': () => calls.inProgress(),
    'call:search': ({ query }) => calls.search(query),
    'pa:worklist': () => priorAuths.worklist(),
    'pa:update': ({ id, version, patch }) => priorAuths.update(id, patch, version),
    'pa:history': ({ id }) => priorAuths.history(id),
    'reverify:worklist': () => reverify.worklist(),
    'todo:list': ({ includeDone }) => todos.list({ includeDone }),
    'todo:update': (input) => todos.update(input),
    'print:verificationRecord': ({ id }) => record.print(id),
    'print:verificationRecordPdf': ({ id }) => record.savePdf(id),
  };
}
