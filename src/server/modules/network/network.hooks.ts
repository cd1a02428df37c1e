import type { ChannelHooks } from '../../channels/hooks.js';
import { networkText } from './network.text.js';
import type { NetworkService } from './network.service.js';

/**
 * What the network brings to the SMS and USSD channels: a registered defender's SOS (P1 to leadership,
 * with who and where), `CANCEL <PIN>`, responders' YES/NO/OK/DONE, and wellbeing answers. SOS from a
 * number nobody registered is an ordinary urgent report, as any member of the public's would be.
 */
export function networkHooks(network: () => NetworkService): Partial<ChannelHooks> {
  const staffByPhone = (phone: string) => network().staffByPhone(phone);
  return {
    async handleSos(ctx, input) {
      const responder = await network().responderByPhone(input.phone);
      const userId = responder ? null : await staffByPhone(input.phone);
      if (responder || userId) {
        const res = await network().raiseSos({
          responder,
          userId,
          channel: input.channel,
          locale: input.locale,
          detail: input.detail,
        });
        return { ...res, reply: networkText('sosDefender', input.locale, { ref: res.reference }) };
      }
      const detail = input.detail?.trim() ?? '';
      const c = await ctx.intake.receive(
        {
          channel: input.channel,
          narrative: detail.length >= 3 ? `SOS: ${detail}` : `SOS raised by ${input.channel.toUpperCase()}`,
          inDangerNow: true,
          violationTypes: [],
          sos: true,
          reporter: { anonymous: false, phone: input.phone, locale: input.locale },
        },
        { userId: null, label: `${input.channel}-gateway` },
      );
      return { caseId: c.id, reference: c.publicReference };
    },

    async handleResponderReply(_ctx, input) {
      const answer = await network().reply(input);
      if (answer) return answer;
      return input.detail ? null : { reply: networkText('noMission', input.locale, { n: input.number }) };
    },

    async handleSosCancel(_ctx, input) {
      const responder = await network().responderByPhone(input.phone);
      const userId = responder ? undefined : ((await staffByPhone(input.phone)) ?? undefined);
      const outcome = await network().cancelSos({ responder, userId }, input.pin, 'sms');
      const key =
        outcome === 'cancelled' ? 'sosCancelled' : outcome === 'wrong_pin' ? 'sosWrongPin' : 'sosNone';
      return { reply: networkText(key, input.locale) };
    },

    handleResponderText: (_ctx, input) => network().responderText(input),
  };
}
