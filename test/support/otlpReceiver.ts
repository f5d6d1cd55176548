/*
 * A local OTLP/HTTP receiver on 127.0.0.1: keeps each request by path, in
 * JSON or protobuf (gzip or not), with its headers and a summary read the
 * same way from both encodings, and answers success or the status it was
 * given. `close()` drops its
 * connections and stops it.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { fields, messagesAt, resourceAttributes } from './otlpProtobuf.js';

export interface OtlpRequest {
  path: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  /** The parsed body of a JSON request. */
  body: Record<string, unknown>;
  /** Each resource's string attributes, in order. */
  resources: Record<string, string>[];
  /** Span names, metric names or log event names, in order. */
  names: string[];
}

/** Field numbers and JSON keys of the three export requests. */
const SIGNALS: Record<string, { json: [string, string, string, string]; nameField: number }> = {
  '/v1/traces': { json: ['resourceSpans', 'scopeSpans', 'spans', 'name'], nameField: 5 },
  '/v1/metrics': { json: ['resourceMetrics', 'scopeMetrics', 'metrics', 'name'], nameField: 1 },
  '/v1/logs': { json: ['resourceLogs', 'scopeLogs', 'logRecords', 'eventName'], nameField: 12 },
};

type JsonResource = { attributes?: Array<{ key: string; value: { stringValue?: string } }> };

/** The export request a path receives, by its /<signal> ending (a custom path such as /custom/logs too). */
function signalOf(path: string) {
  const signal = Object.entries(SIGNALS).find(([ending]) => path.endsWith(ending.slice('/v1'.length)))?.[1];
  if (signal === undefined) throw new Error(`no OTLP signal path: ${path}`);
  return signal;
}

function summarizeJson(path: string, body: Record<string, unknown>) {
  const [top, scope, items, name] = signalOf(path).json;
  const resources = (body[top] ?? []) as Array<Record<string, unknown> & { resource?: JsonResource }>;
  return {
    resources: resources.map(r =>
      Object.fromEntries((r.resource?.attributes ?? []).flatMap(a => (a.value.stringValue === undefined ? [] : [[a.key, a.value.stringValue]])))
    ),
    names: resources.flatMap(r =>
      ((r[scope] ?? []) as Array<Record<string, unknown>>).flatMap(s => ((s[items] ?? []) as Array<Record<string, string>>).map(i => i[name]!))
    ),
  };
}

function summarizeProtobuf(path: string, body: Buffer) {
  const nameField = signalOf(path).nameField;
  return {
    resources: messagesAt(body, [1, 1]).map(resourceAttributes),
    names: messagesAt(body, [1, 2, 2]).flatMap(item =>
      fields(item).filter(f => f.number === nameField && f.bytes).map(f => f.bytes!.toString('utf8'))
    ),
  };
}

export class OtlpReceiver {
  readonly requests: OtlpRequest[] = [];
  /** `status`: what every request is answered with. Default: 200. */
  constructor(private readonly _status = 200) {}

  private readonly _server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const data = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const path = request.url ?? '';
      const contentType = request.headers['content-type'] ?? '';
      const json = contentType.includes('json');
      const body = json ? (JSON.parse(data.toString('utf8')) as Record<string, unknown>) : {};
      const summary = json ? summarizeJson(path, body) : summarizeProtobuf(path, data);
      this.requests.push({ path, contentType, headers: request.headers, body, ...summary });
      response.writeHead(this._status, { 'content-type': contentType }).end(json ? '{}' : undefined);
    });
  });

  /** Listens on a free port of 127.0.0.1; resolves with the base URL. */
  async start(): Promise<string> {
    await new Promise<void>(resolve => this._server.listen(0, '127.0.0.1', resolve));
    const { port } = this._server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  /** The distinct request paths, sorted. */
  paths(): string[] {
    return [...new Set(this.requests.map(request => request.path))].sort();
  }

  on(path: string): OtlpRequest[] {
    return this.requests.filter(request => request.path === path);
  }

  bodies(path: string): Record<string, unknown>[] {
    return this.on(path).map(request => request.body);
  }

  /** Every name received on a path (span names on /v1/traces, …). */
  names(path: string): string[] {
    return this.on(path).flatMap(request => request.names);
  }

  close(): Promise<void> {
    this._server.closeAllConnections();
    return new Promise(resolve => this._server.close(() => resolve()));
  }
}
