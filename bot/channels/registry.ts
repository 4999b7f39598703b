import { webchatCapabilities } from '../../channels/webchat/capabilities';
import { webchatSender } from '../pipeline/senders';
import { webchatRoutes } from '../http/webchat-routes';
import type { ChannelModule } from './module';

/** Every channel the program runs. Add a channel here, nowhere else. */
export const defaultChannels = (): ChannelModule[] => [
  {
    kind: 'webchat',
    buttons: webchatCapabilities.buttons,
    sender: () => webchatSender,
    routes: (rt) => webchatRoutes({ tdb: rt.tdb, ingest: rt.ingest, now: rt.now }),
  },
];
