import type { ChannelAdapter } from '../shared/adapter';
import { telegramCapabilities } from './capabilities';
import { telegramToInbound } from './to-inbound';
import { telegramToOutbound, type TelegramSendParams } from './to-outbound';

/** Telegram Bot API: updates in (webhook or getUpdates), sendMessage calls out. */
export const telegramAdapter: ChannelAdapter<unknown, TelegramSendParams[]> = {
  kind: 'telegram',
  capabilities: telegramCapabilities,
  toInbound: telegramToInbound,
  toOutbound: telegramToOutbound,
};
