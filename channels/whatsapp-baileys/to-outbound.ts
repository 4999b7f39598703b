import type { OutboundMessage } from '../../core/messaging/types';
import { buttonsAsText } from '../shared/adapter';
import { baileysMessages } from './messages';

/** Pure: a core reply as one WhatsApp text (buttons as "1) …" lines, link and copy text appended). */
export const baileysToOutbound = (message: OutboundMessage): { text: string } => {
  const parts = [buttonsAsText(message)];
  if (message.link) parts.push(baileysMessages.link(message.link.title, message.link.url));
  if (message.copyText) parts.push(message.copyText);
  return { text: parts.join('\n\n') };
};
