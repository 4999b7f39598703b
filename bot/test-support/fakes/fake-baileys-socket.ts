import { EventEmitter } from 'node:events';
import type { BaileysEventMap, WAMessage } from '@whiskeysockets/baileys';
import type { BaileysSocketLike, DownloadMedia, MakeSocket } from '../../channels/whatsapp-baileys-session';

export interface SentRecord {
  readonly jid: string;
  readonly text: string;
  readonly at: number;
  readonly id: string;
}

/** A stand-in for Baileys' WASocket: an `ev` emitter the test drives, and recorded sends. */
export class FakeBaileysSocket implements BaileysSocketLike {
  readonly ev = new EventEmitter();
  readonly sent: SentRecord[] = [];
  readonly presence: { type: string; jid?: string; at: number }[] = [];
  ended = false;
  private seq = 0;
  constructor(readonly cfg: Parameters<MakeSocket>[0]) {}
  emit<E extends keyof BaileysEventMap>(event: E, arg: BaileysEventMap[E]) {
    this.ev.emit(event, arg);
  }
  open() {
    this.emit('connection.update', { connection: 'open' });
  }
  /** Closes like Baileys does: a Boom-shaped error carrying the DisconnectReason status. */
  close(statusCode: number) {
    const error = Object.assign(new Error('closed'), { output: { statusCode } });
    this.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
  }
  receive(messages: Partial<WAMessage>[], type: 'notify' | 'append' = 'notify') {
    this.emit('messages.upsert', { messages: messages as WAMessage[], type });
  }
  async sendMessage(jid: string, content: { text: string }) {
    const id = `FAKE${++this.seq}${Math.random().toString(16).slice(2, 8)}`;
    this.sent.push({ jid, text: content.text, at: Date.now(), id });
    return { key: { id, remoteJid: jid, fromMe: true } };
  }
  async sendPresenceUpdate(type: 'composing' | 'paused', jid?: string) {
    this.presence.push({ type, ...(jid ? { jid } : {}), at: Date.now() });
  }
  async requestPairingCode(phone: string) {
    return `PAIR${phone.slice(-4)}`;
  }
  end() {
    this.ended = true;
  }
  async logout() {
    this.close(401);
  }
}

/** A makeSocket factory recording every socket it makes (one per (re)connect). */
export const fakeSocketFactory = (onCreate?: (s: FakeBaileysSocket) => void) => {
  const sockets: FakeBaileysSocket[] = [];
  const makeSocket: MakeSocket = (cfg) => {
    const s = new FakeBaileysSocket(cfg);
    sockets.push(s);
    onCreate?.(s);
    return s;
  };
  return { makeSocket, sockets, last: () => sockets[sockets.length - 1] };
};

/**
 * Stands in for Baileys' downloadMediaMessage: serves the bytes a test put on "WhatsApp's
 * media servers" for a message, found by its directPath like the real download (which
 * also needs the message's mediaKey to decrypt).
 */
export const fakeMediaServer = () => {
  const files = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const downloadMedia: DownloadMedia = async (message) => {
    const media = message.message?.audioMessage ?? message.message?.imageMessage;
    if (!media?.directPath || !media.mediaKey) throw new Error('not a media message');
    const bytes = files.get(media.directPath);
    if (!bytes) throw Object.assign(new Error('media gone'), { output: { statusCode: 404 } });
    downloads.push(media.directPath);
    return bytes;
  };
  return {
    downloadMedia,
    downloads,
    /** Puts audio bytes on the fake media host; returns the audioMessage fields a voice note carries. */
    addAudio: (bytes: Uint8Array, mimetype = 'audio/ogg; codecs=opus') => {
      const directPath = `/v/t62.7117-24/${Math.random().toString(36).slice(2)}.enc`;
      files.set(directPath, bytes);
      return { directPath, mediaKey: new Uint8Array(32).fill(7), mimetype, ptt: true, seconds: 4 };
    },
  };
};
