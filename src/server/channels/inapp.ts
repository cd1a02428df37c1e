import type { ChannelAdapter } from './adapter.js';

/**
 * In-app: the message row itself is the delivery (the console lists a user's messages; live push is the
 * alerts module's). Nothing leaves the database, so it is delivered the moment it is handed over.
 */
export function createInAppAdapter(): ChannelAdapter {
  return {
    channel: 'inapp',
    async send() {
      return { status: 'delivered' };
    },
  };
}
