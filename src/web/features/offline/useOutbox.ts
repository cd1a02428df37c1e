import { useSyncExternalStore } from 'react';
import { snapshot, subscribe, type OutboxItem } from './outbox.js';

/** The outbox's items, kept current (the list re-renders on every state change). */
export function useOutbox(): readonly OutboxItem[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
