import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { PushStatusView } from '../../../shared/contracts/push.js';

/* Web Push from the console: this browser's subscription, sent to the server (src/shared/contracts/push.ts). */

const pushKey = ['me', 'push'] as const;

export const pushSupported = (): boolean =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/** The VAPID key as `applicationServerKey` wants it. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) out[i] = raw.charCodeAt(i);
  return out;
}

/** A short label for the device list ("Chrome on Android"), nothing that identifies the person. */
export function deviceLabel(ua: string): string {
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown';
  return `${browser} on ${os}`;
}

export function usePushStatus() {
  return useQuery({
    queryKey: pushKey,
    queryFn: ({ signal }) => api<PushStatusView>('/api/me/push', { signal }),
    staleTime: 60_000,
  });
}

/** This browser's current subscription, if it has one (no prompt). */
export async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration();
  return reg ? reg.pushManager.getSubscription() : null;
}

export class PushSetupError extends Error {
  constructor(readonly reason: 'denied' | 'noWorker') {
    super(reason);
  }
}

export function useTogglePush() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ on, publicKey }: { on: boolean; publicKey: string }) => {
      if (!on) {
        const sub = await currentSubscription();
        if (sub) {
          await api('/api/me/push', { method: 'DELETE', body: { endpoint: sub.endpoint } });
          await sub.unsubscribe();
        }
        return;
      }
      if ((await Notification.requestPermission()) !== 'granted') throw new PushSetupError('denied');
      const reg = await navigator.serviceWorker.getRegistration();
      if (!reg) throw new PushSetupError('noWorker');
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(publicKey),
        }));
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await api('/api/me/push', {
        method: 'PUT',
        body: { endpoint: json.endpoint, keys: json.keys, label: deviceLabel(navigator.userAgent) },
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: pushKey }),
  });
}
