import type { ChannelCapabilities } from '../../core/messaging/types';

export const webchatCapabilities: ChannelCapabilities = {
  buttons: true,
  maxButtons: 10,
  lists: false,
  media: false,
  voice: false,
};
