import type { Button, OutboundMessage } from '../../core/messaging/types';
import { buttonsAsText } from '../shared/adapter';
import { LIMITS } from './capabilities';
import { waMessages } from './messages';

/** One Graph API "send message" request body (POST /{phone-number-id}/messages). */
export type GraphMessageBody =
  | { messaging_product: 'whatsapp'; recipient_type: 'individual'; to: string; type: 'text'; text: { body: string; preview_url: boolean } }
  | {
      messaging_product: 'whatsapp';
      recipient_type: 'individual';
      to: string;
      type: 'interactive';
      interactive:
        | { type: 'button'; body: { text: string }; action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] } }
        | {
            type: 'list';
            body: { text: string };
            action: { button: string; sections: { title: string; rows: { id: string; title: string }[] }[] };
          };
    }
  | {
      messaging_product: 'whatsapp';
      recipient_type: 'individual';
      to: string;
      type: 'template';
      template: { name: string; language: { code: string } };
    };

const LIST_BODY_MAX = 4096;

/** Graph wants the number without "+". */
export const graphRecipient = (address: string): string => address.replace(/^\+/, '');

const base = (to: string) => ({ messaging_product: 'whatsapp' as const, recipient_type: 'individual' as const, to: graphRecipient(to) });

const textBody = (to: string, body: string, previewUrl = false): GraphMessageBody => ({
  ...base(to),
  type: 'text',
  text: { body: body.slice(0, LIMITS.text), preview_url: previewUrl },
});

const fits = (buttons: readonly Button[], maxCount: number, maxTitle: number) =>
  buttons.length <= maxCount && buttons.every((b) => b.title.length <= maxTitle);

const renderMain = (message: OutboundMessage, to: string): GraphMessageBody => {
  const text = message.link ? `${message.text}\n\n${message.link.title}: ${message.link.url}` : message.text;
  const buttons = message.buttons ?? [];
  if (buttons.length === 0) return textBody(to, text, Boolean(message.link));
  if (fits(buttons, LIMITS.replyButtons, LIMITS.replyButtonTitle) && text.length <= LIMITS.interactiveBody) {
    return {
      ...base(to),
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text },
        action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
      },
    };
  }
  if (fits(buttons, LIMITS.listRows, LIMITS.listRowTitle) && text.length <= LIST_BODY_MAX) {
    return {
      ...base(to),
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text },
        action: {
          button: waMessages.listButton,
          sections: [{ title: waMessages.listSection, rows: buttons.map((b) => ({ id: b.id, title: b.title })) }],
        },
      },
    };
  }
  // Too many options or titles too long for WhatsApp: numbered lines the NLU understands.
  return textBody(to, buttonsAsText({ ...message, text }), Boolean(message.link));
};

/** A core reply as Graph requests: the message itself, then the Pix code alone so it copies cleanly. */
export const toGraphMessages = (message: OutboundMessage, to: string): GraphMessageBody[] => [
  renderMain(message, to),
  ...(message.copyText ? [textBody(to, message.copyText)] : []),
];

/** An approved template, the only thing WhatsApp lets a business send outside the 24-hour window. */
export const templateMessage = (to: string, name: string, languageCode = 'pt_BR'): GraphMessageBody => ({
  ...base(to),
  type: 'template',
  template: { name, language: { code: languageCode } },
});

/** For assertions and logs: the visible text and number of tappable options of a rendered body. */
export const renderedTextOf = (body: GraphMessageBody): string =>
  body.type === 'text' ? body.text.body : body.type === 'interactive' ? body.interactive.body.text : body.template.name;

export const renderedOptionsOf = (body: GraphMessageBody): number =>
  body.type !== 'interactive'
    ? 0
    : body.interactive.type === 'button'
      ? body.interactive.action.buttons.length
      : body.interactive.action.sections.reduce((n, s) => n + s.rows.length, 0);
