import type { PushPayload } from '../../shared/contracts/push.js';

/*
 * The service worker's side of Web Push (DESIGN §9): show the page as a notification that rings (the
 * system's sound; P1/P2 vibrate and stay until touched), and make its "Acknowledge" button acknowledge
 * the alert with the payload's one-time token, without opening the console. Typed structurally so the
 * console's DOM types and the worker's do not have to meet in one program.
 */

interface NotificationLike {
  data: unknown;
  close(): void;
}
interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown } | null;
}
interface NotificationEventLike extends ExtendableEventLike {
  action: string;
  notification: NotificationLike;
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}
export interface PushScope {
  addEventListener(type: 'push', fn: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', fn: (e: NotificationEventLike) => void): void;
  registration: { showNotification(title: string, options: Record<string, unknown>): Promise<void> };
  clients: {
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  location: { origin: string };
}

/**
 * Installs the handlers. Self-contained (it refers to nothing outside its body): the build writes its
 * source into the service worker (vite.sw.ts), as it does the worker's own code.
 */
export function installPushHandlers(sw: PushScope): void {
  const done = { en: 'Acknowledged', sw: 'Imepokelewa' } as const;
  const failed = {
    en: 'Not acknowledged: open Dharura to acknowledge.',
    sw: 'Haijapokelewa: fungua Dharura ili kukiri.',
  } as const;

  /** The notification's options for a payload. */
  function notificationOf(p: PushPayload): { title: string; options: Record<string, unknown> } {
    const urgent = p.priority === 'P1' || p.priority === 'P2';
    return {
      title: p.title,
      options: {
        body: p.body,
        lang: p.lang,
        tag: p.alertId ?? undefined,
        renotify: Boolean(p.alertId),
        requireInteraction: urgent,
        silent: false,
        vibrate: urgent ? [300, 100, 300, 100, 600] : [200],
        data: { url: p.url, ackToken: p.ackToken, lang: p.lang },
        actions: p.ackToken ? [{ action: 'ack', title: p.ackLabel }] : [],
      },
    };
  }

  sw.addEventListener('push', (event) => {
    const payload = event.data?.json() as PushPayload | undefined;
    if (!payload) return;
    const n = notificationOf(payload);
    event.waitUntil(sw.registration.showNotification(n.title, n.options));
  });

  sw.addEventListener('notificationclick', (event) => {
    const data = (event.notification.data ?? {}) as {
      url?: string;
      ackToken?: string | null;
      lang?: 'en' | 'sw';
    };
    event.notification.close();
    const lang = data.lang === 'sw' ? 'sw' : 'en';
    if (event.action === 'ack' && data.ackToken) {
      event.waitUntil(
        fetch('/api/push/ack', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': lang },
          body: JSON.stringify({ token: data.ackToken }),
        })
          .then((r) =>
            sw.registration.showNotification(r.ok ? done[lang] : failed[lang], { tag: 'ack', silent: true }),
          )
          .catch(() => sw.registration.showNotification(failed[lang], { tag: 'ack', silent: true })),
      );
      return;
    }
    const url = new URL(data.url ?? '/alerts', sw.location.origin).href;
    event.waitUntil(
      sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (list) => {
        const open = list.find((c) => c.url.startsWith(sw.location.origin));
        if (open) {
          await open.focus();
          if (open.navigate) await open.navigate(url);
          return;
        }
        await sw.clients.openWindow(url);
      }),
    );
  });
}
