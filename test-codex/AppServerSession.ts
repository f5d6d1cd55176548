/*
 * A scripted JSON-RPC client of `codex app-server`, talking to it through
 * our proxy (`agent-review-telemetry codex-proxy -- codex app-server`). It
 * answers the server's approval requests with a decider, and records every
 * message in the captures' transcript format.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

type Json = Record<string, unknown>;

/** Answers one server request; undefined leaves it unanswered. */
export type Decider = (method: string, params: Json, session: AppServerSession) => unknown;

export interface AppServerSessionOptions {
  /** The proxy command line up to and including `--`. */
  proxy: string[];
  /** The app-server command after `--`. */
  server: string[];
  env: NodeJS.ProcessEnv;
  transcriptFile: string;
  decide: Decider;
  /** Wait before answering an approval, so reviews take a measurable time. */
  answerDelayMs: number;
}

export class AppServerSession {
  /** Items seen in item/started, by id (to decide on file changes by path). */
  readonly items = new Map<string, Json>();
  private readonly _child: ChildProcessWithoutNullStreams;
  private readonly _transcript: WriteStream;
  private readonly _startedAt = Date.now();
  private readonly _pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly _waiters: Array<{ method: string; resolve: (params: Json) => void }> = [];
  private readonly _options: AppServerSessionOptions;
  private _nextId = 1;
  readonly stderr: string[] = [];
  private readonly _exited: Promise<number | null>;

  constructor(options: AppServerSessionOptions) {
    this._options = options;
    this._transcript = createWriteStream(options.transcriptFile);
    const [command, ...args] = [...options.proxy, ...options.server];
    this._child = spawn(command!, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this._child.stderr.on('data', chunk => this.stderr.push(String(chunk)));
    createInterface({ input: this._child.stdout }).on('line', line => this._onLine(line));
    this._exited = new Promise(resolve => this._child.on('close', code => resolve(code)));
  }

  request(method: string, params: Json): Promise<unknown> {
    const id = this._nextId++;
    const result = new Promise((resolve, reject) => this._pending.set(id, { resolve, reject }));
    this._send({ jsonrpc: '2.0', id, method, params });
    return result;
  }

  notify(method: string, params?: Json): void {
    this._send(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  /** The next notification with this method. */
  next(method: string): Promise<Json> {
    return new Promise(resolve => this._waiters.push({ method, resolve }));
  }

  /** Ends the client's side of the stream and waits for the proxy to exit. */
  async close(): Promise<number | null> {
    this._child.stdin.end();
    const code = await this._exited;
    this._record('meta', { exit: code });
    await new Promise(resolve => this._transcript.end(resolve));
    return code;
  }

  private _send(message: Json): void {
    this._record('client->server', message);
    this._child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private _record(dir: string, msg: unknown): void {
    this._transcript.write(`${JSON.stringify({ t_ms: Date.now() - this._startedAt, dir, msg })}\n`);
  }

  private _onLine(line: string): void {
    let message: Json;
    try {
      message = JSON.parse(line) as Json;
    } catch {
      this._record('meta', { nonJson: line });
      return;
    }
    this._record('server->client', message);
    const { id, method } = message;
    const params = (message.params ?? {}) as Json;
    if (typeof method !== 'string') {
      const pending = this._pending.get(id as number);
      this._pending.delete(id as number);
      if (message.error !== undefined) pending?.reject(new Error(JSON.stringify(message.error)));
      else pending?.resolve(message.result);
      return;
    }
    if (id !== undefined) {
      const result = this._options.decide(method, params, this);
      if (result !== undefined) {
        setTimeout(() => this._send({ jsonrpc: '2.0', id: id as number, result }), this._options.answerDelayMs);
      }
      return;
    }
    if (method === 'item/started') {
      const item = params.item as Json;
      this.items.set(String(item.id), item);
    }
    const index = this._waiters.findIndex(w => w.method === method);
    if (index !== -1) this._waiters.splice(index, 1)[0]!.resolve(params);
  }
}
