// Main refused a call because the session is locked or signed out: the session store hears of it here
// (the API client cannot import the store that imports it).
type Listener = () => void;
const listeners = new Set<Listener>();

export function onLocked(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalLocked(): void {
  for (const listener of listeners) listener();
}
