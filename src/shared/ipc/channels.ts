// The one list of IPC channels. Kept free of zod so the sandboxed preload can bundle it alone.

export const CHANNELS = [
  'app:info',
  'app:copyText',
  'settings:get',
  'settings:update',
  'catalog:search',
  'catalog:getCode',
  'catalog:getIcd10',
  'catalog:importPreview',
  'catalog:importApply',
  'payers:list',
  'payers:save',
  'payers:delete',
  'plans:list',
  'plans:get',
  'plans:save',
  'plans:setBenefits',
  'plans:delete',
  'policies:matrix',
  'policies:set',
  'patients:search',
  'patients:get',
  'patients:save',
  'coverages:save',
  'coverages:delete',
  'history:add',
  'history:delete',
  'sample:status',
  'sample:remove',
  'packs:export',
  'packs:importPreview',
  'packs:importApply',
  'fees:list',
  'fees:export',
  'fees:importPreview',
  'fees:importApply',
  'estimate:compute',
  'estimate:save',
  'estimate:get',
  'print:costSummary',
  'print:costSummaryPdf',
  'gfe:issue',
  'gfe:get',
  'print:goodFaithEstimate',
  'print:goodFaithEstimatePdf',
  'call:start',
  'call:get',
  'call:answer',
  'call:back',
  'call:setDetails',
  'call:toggleHold',
  'call:drop',
  'call:complete',
  'call:amend',
  'call:inProgress',
  'call:search',
  'print:verificationRecord',
  'print:verificationRecordPdf',
  'pa:worklist',
  'pa:update',
  'reverify:worklist',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** 'settings:update' -> 'settingsUpdate': the name of the window.api function for a channel. */
export type MethodName<C extends string> = C extends `${infer Domain}:${infer Verb}`
  ? `${Domain}${Capitalize<Verb>}`
  : never;

export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string];
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}
