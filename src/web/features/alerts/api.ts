import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';
import { messagesKey } from '../messages/api.js';
import type {
  AlertAction,
  AlertStatus,
  AlertView,
  OnCallView,
  PolicyView,
  RotationView,
  alertList,
  onCallList,
  policyList,
  rotationList,
} from '../../../shared/contracts/alerts.js';
import type { z } from 'zod';
import { reportStream } from '../offline/connection.js';

/* The alerts contract (src/shared/contracts/alerts.ts), as the console reads it. */

export { alertStatuses } from '../../../shared/contracts/alerts.js';
export type {
  AlertAction,
  AlertStatus,
  RotationPeriod,
  StepTarget,
} from '../../../shared/contracts/alerts.js';
export type Alert = AlertView;
export type AlertNotification = AlertView['notified'][number];
export type OnCall = OnCallView;
export type Rotation = RotationView;
export type EscalationPolicy = PolicyView;

/** Which one-click actions an alert in this status offers (the server refuses the others). */
export function actionsFor(status: AlertStatus): AlertAction[] {
  switch (status) {
    case 'triggered':
    case 'snoozed':
      return ['acknowledge', 'snooze', 'resolve'];
    case 'acknowledged':
      return ['snooze', 'resolve'];
    case 'resolved':
      return [];
  }
}

export const alertsKey = ['alerts'] as const;
export const oncallKey = ['oncall'] as const;

/** Without the live stream (it failed, or was refused) the list is fetched this often instead. */
export const ALERTS_FALLBACK_POLL_MS = 15_000;

export function useAlerts(scope: 'open' | 'all', poll: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'list', scope],
    queryFn: ({ signal }) =>
      api<z.infer<typeof alertList>>(`/api/alerts?status=${scope}&limit=200`, { signal }).then(
        (r) => r.alerts,
      ),
    refetchInterval: (query) =>
      !poll || (query.state.error && isApiError(query.state.error) && query.state.error.status === 403)
        ? false
        : ALERTS_FALLBACK_POLL_MS,
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });
}

export function useAlertAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, minutes }: { id: string; action: AlertAction; minutes?: number }) =>
      api<Alert>(`/api/alerts/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        ...(action === 'snooze' ? { body: { minutes } } : {}),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertsKey }),
  });
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** After the browser gives up on the stream (a refusal, not a blip), try again this much later. */
const STREAM_RETRY_MS = 10_000;

/**
 * The live alert stream (Server-Sent Events on /api/alerts/stream). Every event, and every (re)connect,
 * refetches the alert list, so the page follows the server without a reload. Returns the connection
 * state for the page to show. The browser reconnects by itself after a network blip; if it gives up
 * (the stream was refused), this opens a new one a little later, and the list is polled meanwhile.
 */
export function useAlertStream(enabled: boolean): StreamState {
  const queryClient = useQueryClient();
  const [state, setLocalState] = useState<StreamState>('connecting');

  useEffect(() => {
    // The header's connection state follows the stream too (never "live" on a broken stream).
    const setState = (next: StreamState) => {
      setLocalState(next);
      if (next !== 'connecting') reportStream(next);
    };
    // The browser knows it is offline before the stream notices (which may take a minute).
    const offline = () => setState('offline');
    window.addEventListener('offline', offline);
    if (!enabled || typeof EventSource === 'undefined') {
      setLocalState('offline');
      return () => window.removeEventListener('offline', offline);
    }
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    const refetch = () => {
      void queryClient.invalidateQueries({ queryKey: alertsKey });
      void queryClient.invalidateQueries({ queryKey: oncallKey });
      // Who was paged by which channel (the message log, for those who may read it).
      void queryClient.invalidateQueries({ queryKey: messagesKey, refetchType: 'active' });
    };
    const open = () => {
      if (stopped) return;
      const es = new EventSource('/api/alerts/stream', { withCredentials: true });
      source = es;
      // `ready` comes first on every (re)connect: anything missed while away is picked up here.
      es.addEventListener('ready', () => {
        setState('live');
        refetch();
      });
      es.addEventListener('alert', refetch);
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          setState('offline');
          es.close();
          retry = window.setTimeout(open, STREAM_RETRY_MS);
        } else {
          setState('reconnecting');
        }
      };
    };
    setState('connecting');
    open();
    return () => {
      stopped = true;
      window.removeEventListener('offline', offline);
      window.clearTimeout(retry);
      source?.close();
    };
  }, [enabled, queryClient]);

  return state;
}

export function useOnCall(enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...oncallKey, 'now'],
    queryFn: ({ signal }) => api<z.infer<typeof onCallList>>('/api/oncall', { signal }).then((r) => r.oncall),
    // A shift can hand over while the page is open.
    refetchInterval: 60_000,
  });
}

export function useRotations(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...oncallKey, 'rotations'],
    queryFn: ({ signal }) =>
      api<z.infer<typeof rotationList>>('/api/rotations', { signal }).then((r) => r.rotations),
  });
}

export function usePolicies(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...oncallKey, 'policies'],
    queryFn: ({ signal }) =>
      api<z.infer<typeof policyList>>('/api/escalation-policies', { signal }).then((r) => r.policies),
  });
}

/** The whole rotation is sent back (PUT replaces it): name, period, start, members and overrides. */
export function useSaveRotation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: Rotation) =>
      api<Rotation>(`/api/rotations/${encodeURIComponent(r.id)}`, {
        method: 'PUT',
        body: {
          name: r.name,
          period: r.period,
          startsAt: r.startsAt,
          memberIds: r.memberIds,
          overrides: r.overrides,
        },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: oncallKey }),
  });
}
