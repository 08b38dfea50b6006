// Every shipped script, by the id stored on each call, so a call is always walked by the script it began
// with.
import { DEFAULT_SCRIPT } from './defaultScript';
import { MEDICAL_SCRIPT } from './medicalScript';
import type { Script } from './scriptTypes';

export const SHIPPED_SCRIPTS: readonly Script[] = [DEFAULT_SCRIPT, MEDICAL_SCRIPT];

export function scriptById(id: string): Script {
  const script = SHIPPED_SCRIPTS.find((s) => s.id === id);
  if (!script) throw new Error(`No shipped script has the id "${id}".`);
  return script;
}
