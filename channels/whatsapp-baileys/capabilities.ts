import type { ChannelCapabilities } from '../../core/messaging/types';

/** WhatsApp Web buttons are unreliable: quick replies render as numbered text. */
export const baileysCapabilities: ChannelCapabilities = {
  buttons: false,
  maxButtons: 0,
  lists: false,
  media: false,
  voice: false,
};
