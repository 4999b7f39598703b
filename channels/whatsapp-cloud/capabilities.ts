import type { ChannelCapabilities } from '../../core/messaging/types';

/** WhatsApp Cloud API: 3 reply buttons or a list of up to 10 rows; free-form only within 24 h. */
export const whatsappCloudCapabilities: ChannelCapabilities = {
  buttons: true,
  maxButtons: 10,
  lists: true,
  media: true,
  voice: false,
  replyWindowHours: 24,
};

/** Graph API limits for interactive messages. */
export const LIMITS = {
  replyButtons: 3,
  replyButtonTitle: 20,
  listRows: 10,
  listRowTitle: 24,
  interactiveBody: 1024,
  text: 4096,
} as const;
