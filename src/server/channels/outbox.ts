import type { ChannelAdapter } from './adapter.js';

/**
 * The development and demo outbox: the message stays in `messages` (encrypted like any other) and is
 * marked delivered; nothing leaves the machine. The console's phone simulator reads it back.
 */
export function createOutboxAdapter(): ChannelAdapter {
  return {
    channel: 'outbox',
    async send() {
      return { status: 'delivered' };
    },
  };
}
