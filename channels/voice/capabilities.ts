import type { ChannelCapabilities } from '../../core/messaging/types';

/** A phone call: no buttons or media; options are read out ("diga 1 para ..."). */
export const voiceCapabilities: ChannelCapabilities = {
  buttons: false,
  maxButtons: 0,
  lists: false,
  media: false,
  voice: true,
};
