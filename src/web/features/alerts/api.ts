import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.js';
import type { Role } from '../../../shared/permissions.js';
import { messagesKey } from '../messages/api.js';

/* The shapes of src/server/modules/alerts/alerts.schemas.ts, as the console reads them. */

export const alertStatuses = ['triggered', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface AlertNotification {
  userId: string;
  displayName: string;
  step: number;
  round: number;
  at: string;
  /** The notifier accepted it (it then delivers by the user's channels and rules). */
  delivered: boolean;
}

export interface Alert {
  id: string;
  caseId: string | null;
  caseReference: string | null;
  county: string | null;
  reason: string;
  priority: string;
  status: AlertStatus;
  policy: { name: string; steps: number; repeat: number };
  /** The step (0-based) and round that fires next, or that last fired once the policy is exhausted. */
  step: number;
  round: number;
  nextDueAt: string | null;
  exhausted: boolean;
  triggerCount: number;
  snoozedUntil: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
  notified: AlertNotification[];
}

export type AlertAction = 'acknowledge' | 'resolve' | 'snooze';

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

export type RotationPeriod = 'daily' | 'weekly';

export interface OnCall {
  rotationId: string;
  rotationName: string;
  period: RotationPeriod;
  onCall: PersonRef | null;
  source: 'rotation' | 'override' | null;
  shiftStart: string | null;
  shiftEnd: string | null;
  next: PersonRef | null;
}

export interface RotationOverride {
  userId: string;
  from: string;
  to: string;
}

export interface Rotation {
  id: string;
  name: string;
  period: RotationPeriod;
  startsAt: string;
  memberIds: string[];
  overrides: RotationOverride[];
  createdAt: string;
}

export type StepTarget =
  | { kind: 'rotation'; rotationId: string }
  | { kind: 'users'; userIds: string[] }
  | { kind: 'role'; role: Role };

export interface EscalationPolicy {
  id: string;
  name: string;
  steps: { target: StepTarget; waitMinutes: number }[];
  repeat: number;
  createdAt: string;
  updatedAt: string;
}

export const alertsKey = ['alerts'] as const;
export const oncallKey = ['oncall'] as const;

/** Without the live stream (it failed, or was refused) the list is fetched this often instead. */
export const ALERTS_FALLBACK_POLL_MS = 15_000;

export function useAlerts(scope: 'open' | 'all', poll: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'list', scope],
    queryFn: ({ signal }) =>
      api<{ alerts: Alert[] }>(`/api/alerts?status=${scope}&limit=200`, { signal }).then((r) => r.alerts),
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
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setState('offline');
      return;
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
    queryFn: ({ signal }) => api<{ oncall: OnCall[] }>('/api/oncall', { signal }).then((r) => r.oncall),
    // A shift can hand over while the page is open.
    refetchInterval: 60_000,
  });
}

export function useRotations(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...oncallKey, 'rotations'],
    queryFn: ({ signal }) =>
      api<{ rotations: Rotation[] }>('/api/rotations', { signal }).then((r) => r.rotations),
  });
}

export function usePolicies(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...oncallKey, 'policies'],
    queryFn: ({ signal }) =>
      api<{ policies: EscalationPolicy[] }>('/api/escalation-policies', { signal }).then((r) => r.policies),
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
