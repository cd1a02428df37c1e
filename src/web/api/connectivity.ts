/**
 * Whether the last API call reached the server. The API client reports every call's fate here; the
 * header's connection state (features/offline/connection.ts) listens. Kept tiny: sign-in loads it.
 */
type Listener = (reached: boolean) => void;
const listeners = new Set<Listener>();

export function onNetworkResult(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function reportNetwork(reached: boolean): void {
  for (const fn of listeners) fn(reached);
}
