import { useTranslation } from 'react-i18next';
import { messageChannels, messageStatuses } from './api.js';

type MessageChannel = (typeof messageChannels)[number];
type MessageStatus = (typeof messageStatuses)[number];

const isChannel = (c: string): c is MessageChannel => (messageChannels as readonly string[]).includes(c);
const isStatus = (s: string): s is MessageStatus => (messageStatuses as readonly string[]).includes(s);

/** Green once it arrived, red when it failed, amber while on its way, grey otherwise. */
export function statusTagClass(status: string): string {
  switch (status) {
    case 'delivered':
    case 'processed':
      return 'tag tag--ok';
    case 'failed':
      return 'tag tag--late';
    case 'queued':
    case 'scheduled':
    case 'sending':
    case 'sent':
    case 'received':
      return 'tag tag--progress';
    default:
      return 'tag tag--muted';
  }
}

/** Channel and status names in the console's language (an unknown one is shown as it is). */
export function useMessageLabels() {
  const { t } = useTranslation();
  return {
    channel: (c: string) => (isChannel(c) ? t(`messageLog.channels.${c}`) : c),
    status: (s: string) => (isStatus(s) ? t(`messageLog.statuses.${s}`) : s),
  };
}

/** "SMS: delivered", as a small tag. */
export function ChannelStatus({ channel, status }: { channel: string; status: string }) {
  const labels = useMessageLabels();
  return (
    <span className={statusTagClass(status)} data-testid="channel-status" data-channel={channel}>
      {labels.channel(channel)}: {labels.status(status)}
    </span>
  );
}
