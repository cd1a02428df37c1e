import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../shared/locale.js';
import type { Role } from '../../../shared/permissions.js';
import type { Session, SessionUser } from './api.js';
import { applyLanguage, currentLanguage } from '../../i18n/index.js';
import { fetchSession, logout, savePreferences } from './api.js';
import { wipeOfflineStore } from '../offline/wipe.js';

export const sessionKey = ['session'] as const;

/** Make a session (from login, /me or preferences) the current one; the console follows its language. */
export function adoptSession(queryClient: QueryClient, session: Session): void {
  applyLanguage(session.user.locale);
  queryClient.setQueryData(sessionKey, session);
}

/** Everything cached belonged to the signed-out user: drop it and show the sign-in page. */
export function forgetSession(queryClient: QueryClient): void {
  // Signed-out first: the console unmounts, so no mounted page re-creates (and refetches, as a
  // signed-out user) the queries removed next.
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  // The offline outbox and cached field data go with the session (sign-out, idle timeout, revoked).
  wipeOfflineStore();
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const session = await fetchSession();
      if (session) applyLanguage(session.user.locale);
      // No session (it timed out while the page was closed): what this browser kept for it goes.
      else wipeOfflineStore();
      return session;
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in user; only for components rendered inside the signed-in console. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside a signed-in console');
  return data.user;
}

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.includes(role);
}

/** Sign out, then show the sign-in page at the start address (the next person starts afresh). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      forgetSession(queryClient);
      // A full load of the sign-in page at once, replacing this entry: nothing the signed-out user saw
      // stays in memory or one Back press away (a shared phone), and nothing of the console renders
      // signed out in between. If the load cuts the offline store's deletion short, the sign-in page
      // deletes it again: it finds no session (useSession). The idle sign-out, which may be offline,
      // waits for the deletion instead (offline/start.ts).
      window.location.replace('/');
    },
  });
}

/**
 * Change the UI language. Signed in, the choice is saved for the user (so it follows them to any
 * browser); before sign-in it is kept in this browser only.
 */
export function useLanguageSwitch() {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: savePreferences,
    // One save at a time, in the order chosen; the language itself was already switched.
    scope: { id: 'preferences' },
    onSuccess: (session) => queryClient.setQueryData(sessionKey, session),
  });
  const change = (lng: Locale) => {
    if (lng === currentLanguage() && !save.isError) return;
    applyLanguage(lng);
    const session = queryClient.getQueryData<Session | null>(sessionKey);
    if (session) save.mutate({ locale: lng });
  };
  return { change, error: save.error, isSaving: save.isPending };
}
