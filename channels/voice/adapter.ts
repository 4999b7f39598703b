import type { ChannelAdapter } from '../shared/adapter';
import { voiceCapabilities } from './capabilities';
import { gatherParamsSchema, gatherToInbound } from './to-inbound';
import { toVoiceReply, type VoiceReply } from './to-speech';

/**
 * A Twilio-compatible phone line: each Gather result (speech) is one inbound message;
 * replies are spoken back in the webhook's TwiML, so they render to speech, options
 * read out as "diga 1 para ...". The TwiML itself is written by the bot's voice route.
 */
export const voiceAdapter: ChannelAdapter<unknown, VoiceReply> = {
  kind: 'voice',
  capabilities: voiceCapabilities,
  toInbound: (raw, ctx) => {
    const params = gatherParamsSchema.safeParse(raw);
    if (!params.success) return { ok: false, reason: params.error.issues[0]?.message ?? 'inválido' };
    return { ok: true, messages: gatherToInbound(params.data, ctx.channelAccountId, ctx.now) };
  },
  toOutbound: (message) => toVoiceReply(message),
};
