import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { oncallKey } from './api.js';
import type {
  PolicyInput,
  PolicyView,
  RotationInput,
  RotationView,
} from '../../../shared/contracts/alerts.js';

/** Create (POST) or replace (PUT) an escalation policy. */
export function useSavePolicy(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyInput) =>
      api<PolicyView>(
        id ? `/api/escalation-policies/${encodeURIComponent(id)}` : '/api/escalation-policies',
        {
          method: id ? 'PUT' : 'POST',
          body,
        },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: oncallKey }),
  });
}

/** Create a rotation (POST /api/rotations). */
export function useCreateRotation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<RotationInput, 'startsAt' | 'overrides'> & { startsAt: string; overrides: [] }) =>
      api<RotationView>('/api/rotations', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: oncallKey }),
  });
}
