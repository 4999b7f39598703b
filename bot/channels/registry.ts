import { webchatCapabilities } from '../../channels/webchat/capabilities';
import { loadConfig, type Config } from '../config';
import { webchatSender } from '../pipeline/senders';
import { webchatRoutes } from '../http/webchat-routes';
import { paymentsModule } from '../payments/module';
import { paymentOptionsFromConfig } from '../payments/options';
import type { ChannelModule } from './module';
import { whatsappCloudChannel } from './whatsapp-cloud';
import { voiceChannel } from './voice';
import { telegramChannel } from './telegram';
import { whatsappBaileysChannel } from './whatsapp-baileys';
import { portalRoutes } from '../http/portal-routes';

/** Every channel (and webhook-driven module) the program runs. Add one here, nowhere else. */
export const defaultChannels = (config: Config = loadConfig({})): ChannelModule[] => [
  {
    kind: 'webchat',
    buttons: webchatCapabilities.buttons,
    sender: () => webchatSender,
    routes: (rt) => webchatRoutes({ tdb: rt.tdb, ingest: rt.ingest, now: rt.now }),
  },
  whatsappCloudChannel({
    appSecret: config.WHATSAPP_APP_SECRET,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN,
    graphUrl: config.WHATSAPP_GRAPH_URL,
    graphVersion: config.WHATSAPP_GRAPH_VERSION,
    timeoutMs: config.WHATSAPP_TIMEOUT_MS,
    mediaMaxBytes: config.WHATSAPP_MEDIA_MAX_BYTES,
  }),
  telegramChannel({ pollTimeoutSeconds: config.TELEGRAM_POLL_TIMEOUT_SECONDS }),
  whatsappBaileysChannel({ leaseTtlMs: config.BAILEYS_LEASE_TTL_MS, scanIntervalMs: config.BAILEYS_SCAN_INTERVAL_MS }),
  {
    kind: 'portal',
    buttons: false,
    routes: (rt) => portalRoutes({ tdb: rt.tdb, queues: rt.queues, secret: rt.portalSecret, now: rt.now }),
  },
  voiceChannel({ publicUrl: config.VOICE_PUBLIC_URL ?? config.PUBLIC_URL, replyWaitMs: config.VOICE_REPLY_WAIT_MS }),
  paymentsModule(paymentOptionsFromConfig(config)),
];
