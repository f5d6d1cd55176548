/*
 * A scripted Responses-API model and analytics endpoint for the real Codex,
 * on 127.0.0.1 only. The main turn plays the script found in the latest user
 * message (`SCRIPT: [...]`), one step per request: step n when the request
 * already holds n tool outputs after that message. The guardian (its
 * requests carry `x-openai-subagent: guardian`) answers by the markers in
 * the action under review. Codex's own analytics rows are collected.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

export type ScriptStep =
  | { call: string; args: Record<string, unknown> }
  | { custom: string; input: string }
  | { say: string };

export interface AnalyticsRow {
  event_type: string;
  event_params: Record<string, unknown>;
}

/** Guardian replies by marker in the reviewed action; default: allow, low risk. */
export const GUARDIAN_MARKERS: ReadonlyArray<[marker: string, reply: string]> = [
  ['guardian-deny', JSON.stringify({ risk_level: 'high', user_authorization: 'unknown', outcome: 'deny', rationale: 'scripted guardian: marker guardian-deny' })],
  ['guardian-garble', 'this is not JSON'],
  ['guardian-medium', JSON.stringify({ risk_level: 'medium', user_authorization: 'medium', outcome: 'allow', rationale: 'scripted guardian: medium risk' })],
];
const GUARDIAN_ALLOW = JSON.stringify({ risk_level: 'low', user_authorization: 'high', outcome: 'allow', rationale: 'scripted guardian: benign' });

const decoders: Record<string, (b: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = request.headers['content-encoding'];
  if (encoding === undefined || encoding === 'identity') return raw;
  const decode = decoders[encoding];
  if (decode === undefined) throw new Error(`unsupported content-encoding ${encoding}`);
  return decode(raw);
}

type InputItem = Record<string, unknown>;

function textOf(item: InputItem): string {
  const content = item.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map(part => (typeof part?.text === 'string' ? part.text : '')).join('');
}

const OUTPUT_TYPES = new Set(['function_call_output', 'custom_tool_call_output']);

export class ScriptedModelServer {
  readonly rows: AnalyticsRow[] = [];
  readonly errors: string[] = [];
  /** `METHOD path` of every request, for failure messages. */
  readonly requests: string[] = [];
  private readonly _server: Server;
  private _responses = 0;

  private constructor(server: Server) {
    this._server = server;
  }

  static async start(): Promise<ScriptedModelServer> {
    const server = createServer();
    const model = new ScriptedModelServer(server);
    server.on('request', (request, response) => {
      model._handle(request, response).catch(error => {
        model.errors.push(`${request.url}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return model;
  }

  get port(): number {
    return (this._server.address() as AddressInfo).port;
  }

  /** Resolves once no analytics batch has arrived for `quietMs`. */
  async analyticsSettled(quietMs: number): Promise<void> {
    let seen = -1;
    while (seen !== this.rows.length) {
      seen = this.rows.length;
      await new Promise(resolve => setTimeout(resolve, quietMs));
    }
  }

  close(): Promise<void> {
    this._server.closeAllConnections();
    return new Promise(resolve => this._server.close(() => resolve()));
  }

  private async _handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '';
    this.requests.push(`${request.method} ${url}`);
    const payload = await body(request);
    if (request.method === 'POST' && url.endsWith('/codex/analytics-events/events')) {
      const { events } = JSON.parse(payload.toString('utf8')) as { events: AnalyticsRow[] };
      this.rows.push(...events);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (request.method === 'POST' && url === '/v1/responses') {
      this._respond(JSON.parse(payload.toString('utf8')) as Record<string, unknown>, response);
      return;
    }
    // Turn costs, plugins, MCP, settings: nothing to say.
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  private _respond(requestBody: Record<string, unknown>, response: ServerResponse): void {
    const n = ++this._responses;
    const metadata = (requestBody.client_metadata ?? {}) as Record<string, unknown>;
    const input = (requestBody.input ?? []) as InputItem[];
    const items =
      metadata['x-openai-subagent'] === 'guardian' ? [this._guardianReply(input, n)] : this._mainTurnStep(input, n);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: Record<string, unknown>) =>
      response.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    send({ type: 'response.created', response: { id: `resp_${n}` } });
    items.forEach((item, index) => {
      send({ type: 'response.output_item.added', output_index: index, item });
      if (item.type === 'message') {
        const text = (item.content as Array<{ text: string }>)[0]!.text;
        send({ type: 'response.output_text.delta', delta: text, item_id: item.id, output_index: index, content_index: 0 });
      }
      send({ type: 'response.output_item.done', output_index: index, item });
    });
    send({
      type: 'response.completed',
      response: {
        id: `resp_${n}`,
        usage: {
          input_tokens: 10,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 5,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 15,
        },
      },
    });
    response.end();
  }

  private _mainTurnStep(input: InputItem[], n: number): InputItem[] {
    let scriptAt = -1;
    for (let i = input.length - 1; i >= 0 && scriptAt === -1; i--) {
      if (input[i]!.role === 'user' && textOf(input[i]!).includes('SCRIPT: ')) scriptAt = i;
    }
    if (scriptAt === -1) return [message(n, 'No script.')];
    const text = textOf(input[scriptAt]!);
    const script = JSON.parse(text.slice(text.indexOf('SCRIPT: ') + 8)) as ScriptStep[];
    const done = input.slice(scriptAt + 1).filter(item => OUTPUT_TYPES.has(String(item.type))).length;
    const step = script[done] ?? { say: 'Script finished.' };
    const callId = `call_${n}_${done}`;
    if ('call' in step) {
      return [{ type: 'function_call', id: `fc_${n}`, call_id: callId, name: step.call, arguments: JSON.stringify(step.args), status: 'completed' }];
    }
    if ('custom' in step) {
      return [{ type: 'custom_tool_call', id: `ctc_${n}`, call_id: callId, name: step.custom, input: step.input, status: 'completed' }];
    }
    return [message(n, step.say)];
  }

  /** Markers are looked for in the last approval request only: earlier ones are history. */
  private _guardianReply(input: InputItem[], n: number): InputItem {
    const all = input.map(textOf).join('\n');
    const request = all.slice(all.lastIndexOf('APPROVAL REQUEST START'));
    const reply = GUARDIAN_MARKERS.find(([marker]) => request.includes(marker))?.[1] ?? GUARDIAN_ALLOW;
    return message(n, reply);
  }
}

function message(n: number, text: string): InputItem {
  return { type: 'message', role: 'assistant', id: `msg_${n}`, content: [{ type: 'output_text', text }] };
}
