import { describe, expect, it } from 'vitest';
import { completeHooks, handleUssdFeedback, type ChannelHooks } from './hooks.js';

const given: Omit<ChannelHooks, 'handleUssdFeedback' | 'handleAlertAck'> = {
  handleSos: async () => ({ caseId: 'c', reference: 'R' }),
  handleResponderReply: async () => null,
  handleSosCancel: async () => ({ reply: 'ok' }),
  handleResponderText: async () => null,
};

describe('channel hooks', () => {
  it('keeps the given hooks and adds the USSD feedback default', () => {
    const hooks = completeHooks(given);
    expect(hooks.handleSos).toBe(given.handleSos);
    expect(hooks.handleUssdFeedback).toBe(handleUssdFeedback);
  });

  it('refuses to start without the SOS and responder hooks', () => {
    const { handleSos: _sos, handleSosCancel: _cancel, ...rest } = given;
    expect(() => completeHooks(rest)).toThrow('channels: no handleSos, handleSosCancel hook');
  });
});
