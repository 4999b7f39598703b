import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';

/**
 * A small OpenAI-compatible server for tests. It answers in OpenAI's real
 * wire format, can misbehave on demand, and records every request.
 * Routes are a table, so other endpoints (e.g. POST /v1/audio/transcriptions)
 * can be added with `route()`.
 */
export type FakeMode = 'ok' | 'garbage' | 'error500' | 'hang';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON when the body is JSON, the raw string otherwise. */
  readonly body: unknown;
  readonly authorized: boolean;
}

export interface FakeRouteContext {
  readonly req: RecordedRequest;
  readonly mode: FakeMode;
}

export interface FakeReply {
  readonly status: number;
  readonly body: unknown;
}

export type FakeRouteHandler = (ctx: FakeRouteContext) => FakeReply;

export interface FakeOpenAI {
  /** Base URL to give an OpenAI client, ending in /v1. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  setMode(mode: FakeMode): void;
  /** The object the model "returns" for chat completions in 'ok' mode. */
  setChatReply(reply: unknown): void;
  route(method: string, path: string, handler: FakeRouteHandler): void;
  close(): Promise<void>;
}

const openAiError = (status: number, message: string, type: string): FakeReply => ({
  status,
  body: { error: { message, type, param: null, code: null } },
});

const chatCompletion = (model: string, message: Record<string, unknown>, finishReason: string): unknown => ({
  id: `chatcmpl-fake-${Date.now()}`,
  object: 'chat.completion',
  created: Math.floor(Date.now() / 1000),
  model,
  system_fingerprint: 'fp_fake',
  choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
  usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
});

/**
 * Structured output arrives either as message content (response_format
 * json_schema, what @langchain/openai uses by default for current models) or
 * as a forced tool call (method 'functionCalling'); answer in whichever the
 * request asked for.
 */
const chatHandler =
  (getReply: () => unknown): FakeRouteHandler =>
  ({ req, mode }) => {
    const body = (req.body ?? {}) as { model?: string; tools?: { function?: { name?: string } }[] };
    const model = body.model ?? 'fake-model';
    const content = mode === 'garbage' ? 'desculpa, não entendi 🤷 {intent: quote' : JSON.stringify(getReply());
    const tool = body.tools?.[0]?.function?.name;
    if (tool) {
      const call = { id: 'call_fake_1', type: 'function', function: { name: tool, arguments: content } };
      return { status: 200, body: chatCompletion(model, { content: null, tool_calls: [call] }, 'tool_calls') };
    }
    return { status: 200, body: chatCompletion(model, { content }, 'stop') };
  };

const parseMaybeJson = (raw: string): unknown => {
  try {
    return raw.length ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
};

export const startFakeOpenAI = async (opts: { apiKey?: string } = {}): Promise<FakeOpenAI> => {
  const apiKey = opts.apiKey ?? 'sk-test-fake';
  let mode: FakeMode = 'ok';
  let chatReply: unknown = { intent: 'other', confidence: 0.5, entities: {} };
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, FakeRouteHandler>();
  const hanging = new Set<ServerResponse>();
  routes.set('POST /v1/chat/completions', chatHandler(() => chatReply));

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const authorized = req.headers.authorization === `Bearer ${apiKey}`;
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: parseMaybeJson(raw), authorized };
      requests.push(recorded);
      const send = (r: FakeReply): void => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.body));
      };
      if (!authorized) return send(openAiError(401, 'Incorrect API key provided.', 'invalid_request_error'));
      const handler = routes.get(`${recorded.method} ${path}`);
      if (!handler) return send(openAiError(404, `Unknown route ${recorded.method} ${path}`, 'invalid_request_error'));
      if (mode === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (mode === 'error500') return send(openAiError(500, 'The server had an error while processing your request.', 'server_error'));
      send(handler({ req: recorded, mode }));
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode: (m) => {
      mode = m;
    },
    setChatReply: (r) => {
      chatReply = r;
    },
    route: (method, path, handler) => {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
};

/**
 * POST /v1/audio/transcriptions as OpenAI answers it (response_format json: `{ text }`).
 * The request is multipart/form-data; the recorded body is its raw text.
 * Usage: `fake.route('POST', '/v1/audio/transcriptions', transcriptionHandler(() => 'texto'))`.
 */
export const transcriptionHandler =
  (getText: () => string): FakeRouteHandler =>
  () => ({ status: 200, body: { text: getText(), usage: { type: 'duration', seconds: 3 } } });
