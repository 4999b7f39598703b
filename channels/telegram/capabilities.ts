import type { ChannelCapabilities } from '../../core/messaging/types';

/** Inline keyboards; we cap at 8 one-per-row buttons so the keyboard stays tappable on a phone. */
export const telegramCapabilities: ChannelCapabilities = {
  buttons: true,
  maxButtons: 8,
  lists: false,
  media: false,
  voice: false,
};

/** Telegram's limit on callback_data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;
