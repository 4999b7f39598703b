import { isJidBroadcast, isJidGroup, isJidNewsletter, isJidStatusBroadcast, isLidUser, jidDecode, type WAMessage } from '@whiskeysockets/baileys';
import type { InboundMessage, Media } from '../../core/messaging/types';

/** The key fields Baileys rc14 fills for @lid chats (remoteJidAlt / participantAlt); older builds used senderPn / participantPn. */
type LooseKey = NonNullable<WAMessage['key']> & { senderPn?: string | null; participantPn?: string | null };

const phoneFromJid = (jid: string | null | undefined): string | null => {
  if (!jid || isLidUser(jid)) return null;
  const user = jidDecode(jid)?.user;
  return user && /^\d{8,15}$/.test(user) ? `+${user}` : null;
};

const textOf = (m: NonNullable<WAMessage['message']>, keyId: string): { text?: string; media?: Media; choice?: InboundMessage['choice'] } => {
  if (typeof m.conversation === 'string' && m.conversation.trim()) return { text: m.conversation };
  if (typeof m.extendedTextMessage?.text === 'string' && m.extendedTextMessage.text.trim()) return { text: m.extendedTextMessage.text };
  const btn = m.buttonsResponseMessage;
  if (btn?.selectedButtonId) {
    return { text: btn.selectedDisplayText ?? btn.selectedButtonId, choice: { id: btn.selectedButtonId, ...(btn.selectedDisplayText ? { title: btn.selectedDisplayText } : {}) } };
  }
  const list = m.listResponseMessage;
  const rowId = list?.singleSelectReply?.selectedRowId;
  if (rowId) return { text: list?.title ?? rowId, choice: { id: rowId, ...(list?.title ? { title: list.title } : {}) } };
  if (m.imageMessage) {
    const caption = m.imageMessage.caption?.slice(0, 4096) || undefined;
    return {
      ...(caption ? { text: caption } : {}),
      media: { kind: 'image', ref: 'baileys:image', ...(m.imageMessage.mimetype ? { mimeType: m.imageMessage.mimetype.slice(0, 200) } : {}), ...(caption ? { caption } : {}) },
    };
  }
  if (m.audioMessage) {
    // The ref is the message key id: the session that received it can download it (see the Baileys session's recent audio).
    return { media: { kind: 'audio', ref: keyId.slice(0, 256), ...(m.audioMessage.mimetype ? { mimeType: m.audioMessage.mimetype.slice(0, 200) } : {}) } };
  }
  return {};
};

/**
 * Pure: one Baileys message → our InboundMessage, or null for what the shop must not
 * answer (groups, status and other broadcasts, newsletters, our own messages, empty
 * protocol messages). An @lid sender is mapped to its phone when WhatsApp told us it.
 */
export const baileysToInbound = (msg: WAMessage, channelAccountId: string, now: Date): InboundMessage | null => {
  const key = msg.key as LooseKey | undefined;
  const jid = key?.remoteJid ?? undefined;
  if (!key || typeof jid !== 'string' || typeof key.id !== 'string' || !key.id || key.fromMe) return null;
  if (isJidGroup(jid) || isJidStatusBroadcast(jid) || isJidBroadcast(jid) || isJidNewsletter(jid)) return null;
  if (!msg.message) return null;
  const content = textOf(msg.message, key.id);
  if (!content.text && !content.media && !content.choice) return null;
  const name = msg.pushName?.trim().slice(0, 200) || undefined;
  let from: InboundMessage['from'];
  if (isLidUser(jid)) {
    const phone = phoneFromJid(key.remoteJidAlt) ?? phoneFromJid(key.senderPn) ?? phoneFromJid(key.participantAlt) ?? phoneFromJid(key.participantPn);
    from = phone ? { kind: 'phone', address: phone, ...(name ? { name } : {}) } : { kind: 'whatsapp_lid', address: jid, ...(name ? { name } : {}) };
  } else {
    const phone = phoneFromJid(jid);
    if (!phone) return null;
    from = { kind: 'phone', address: phone, ...(name ? { name } : {}) };
  }
  const ts = Number(msg.messageTimestamp ?? 0);
  const receivedAt = ts > 0 ? new Date(ts * 1000) : now;
  return {
    channelAccountId,
    externalMessageId: key.id.slice(0, 256),
    from,
    ...(content.text ? { text: content.text.slice(0, 8192) } : {}),
    ...(content.media ? { media: content.media } : {}),
    ...(content.choice ? { choice: content.choice } : {}),
    receivedAt: receivedAt.toISOString(),
  };
};

/** Where a reply goes: our stored address (a phone "+55…" or an "…@lid" JID) as a WhatsApp JID. */
export const jidForAddress = (address: string): string | null => {
  if (address.includes('@')) return address;
  const digits = address.replace(/\D/g, '');
  return /^\d{8,15}$/.test(digits) ? `${digits}@s.whatsapp.net` : null;
};
