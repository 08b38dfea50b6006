// The IPC contract: for every channel, the zod schema main validates input with and the output schema.
import { z } from 'zod';
import type { Channel } from './channels';
import { settingsPatchSchema, settingsSchema } from '../settings/settings';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

const noInput = z.strictObject({});

export const appInfoSchema = z.strictObject({
  version: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const contract = {
  'app:info': { input: noInput, output: appInfoSchema },
  'settings:get': { input: noInput, output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
} satisfies Record<Channel, ChannelSpec>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
