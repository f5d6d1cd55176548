/*
 * A local OTLP/HTTP receiver on 127.0.0.1: keeps each JSON request by path
 * and answers success, or the status it was given. `close()` drops its
 * connections and stops it.
 */
import { createServer } from 'node:http';

export interface OtlpRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export class OtlpReceiver {
  readonly requests: OtlpRequest[] = [];
  /** `status`: what every request is answered with. Default: 200. */
  constructor(private readonly _status = 200) {}

  private readonly _server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      response.writeHead(this._status, { 'content-type': 'application/json' }).end('{}');
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

  bodies(path: string): Record<string, unknown>[] {
    return this.requests.filter(request => request.path === path).map(request => request.body);
  }

  close(): Promise<void> {
    this._server.closeAllConnections();
    return new Promise(resolve => this._server.close(() => resolve()));
  }
}
