import { describeChannelContract } from '../shared/adapter.contract';
import type { OutboundMessage } from '../../core/messaging/types';
import { webchatAdapter } from './adapter';

describeChannelContract('webchat', webchatAdapter, {
  text: { sessionId: 'abcdefabcdef12345678', messageId: 'msg-00000001', text: 'oi, quanto fica a revisão?' },
  choice: { sessionId: 'abcdefabcdef12345678', messageId: 'msg-00000002', choiceId: 'approve', choiceTitle: 'Aprovar' },
  garbage: [null, 42, 'oi', {}, { sessionId: 'curta', text: 'oi' }, { sessionId: 'abcdefabcdef12345678' }],
  renderedText: (out) => (out as OutboundMessage).text,
  renderedButtons: (out) => (out as OutboundMessage).buttons?.length ?? 0,
});
