import { z } from 'zod';

/** Web Push (DESIGN §9): a browser's subscription as `PushSubscription.toJSON()` gives it. */
export const pushSubscriptionBody = z.object({
  endpoint: z.string().url().max(2000),
  keys: z.object({
    /** The browser's P-256 public key, base64url (65 bytes uncompressed). */
    p256dh: z
      .string()
      .regex(/^[A-Za-z0-9_-]+={0,2}$/)
      .min(80)
      .max(100),
    /** The 16-byte auth secret, base64url. */
    auth: z
      .string()
      .regex(/^[A-Za-z0-9_-]+={0,2}$/)
      .min(16)
      .max(30),
  }),
  label: z.string().trim().max(60).optional(),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;

export const pushEndpointBody = z.object({ endpoint: z.string().url().max(2000) });

export const pushStatusView = z.object({
  /** The server's VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`. */
  publicKey: z.string(),
  /** This user's subscribed browsers. */
  devices: z.array(
    z.object({ label: z.string().nullable(), createdAt: z.string(), lastSentAt: z.string().nullable() }),
  ),
});
export type PushStatusView = z.infer<typeof pushStatusView>;

export const pushAckBody = z.object({ token: z.string().min(20).max(100) });
export const pushAckView = z.object({ acknowledged: z.boolean(), number: z.number().int().nullable() });

/** What a push message carries (JSON, end-to-end encrypted to the browser). */
export interface PushPayload {
  title: string;
  body: string;
  /** P1 and P2 ask the service worker for sound and vibration that stay until touched. */
  priority: 'P1' | 'P2' | 'P3' | 'P4' | null;
  alertId: string | null;
  /** One-time token for the notification's "Acknowledge" button (`POST /api/push/ack`). */
  ackToken: string | null;
  url: string;
  lang: 'en' | 'sw';
  /** The notification's localised button label. */
  ackLabel: string;
}
