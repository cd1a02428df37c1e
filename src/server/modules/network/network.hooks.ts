import type { ChannelHooks } from '../../channels/hooks.js';
import { networkText } from './network.text.js';
import type { NetworkService } from './network.service.js';

/**
 * What the network brings to the SMS and USSD channels: a registered defender's SOS (P1 to leadership,
 * with who and where), `CANCEL <PIN>`, responders' YES/NO/OK/DONE, and wellbeing answers. SOS from a
 * number nobody registered is an ordinary urgent report, as any member of the public's would be. Each
 * hook calls one network use case and words its reply.
 */
export function networkHooks(network: () => NetworkService): Partial<ChannelHooks> {
  return {
    async handleSos(_ctx, input) {
      const { defender, ...raised } = await network().sosFromPhone(input);
      if (!defender) return raised;
      return { ...raised, reply: networkText('sosDefender', input.locale, { ref: raised.reference }) };
    },

    async handleResponderReply(_ctx, input) {
      const answer = await network().reply(input);
      if (answer) return answer;
      return input.detail ? null : { reply: networkText('noMission', input.locale, { n: input.number }) };
    },

    async handleSosCancel(_ctx, input) {
      const outcome = await network().cancelSosFromPhone(input.phone, input.pin, 'sms');
      const key =
        outcome === 'cancelled' ? 'sosCancelled' : outcome === 'wrong_pin' ? 'sosWrongPin' : 'sosNone';
      return { reply: networkText(key, input.locale) };
    },

    handleResponderText: (_ctx, input) => network().responderText(input),
  };
}
