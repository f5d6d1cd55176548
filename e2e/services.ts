/*
 * Starts and stops the real pipeline components for the e2e tests. Every
 * process listens on 127.0.0.1 and runs under `timeout`, so it stops by
 * itself even if the test runner dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

/** Longest any component may live, in seconds. */
const LIFETIME_SECONDS = 1200;

export interface Components {
  OTELCOL: string;
  JAEGER: string;
  PROMETHEUS: string;
  PROMTOOL: string;
}

export function readComponentsEnv(path: string | undefined): Components {
  if (!path) throw new Error('COMPONENTS_ENV is not set: run the e2e tests with `npm run test:e2e`');
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) values[match[1] as string] = match[2] as string;
  }
  for (const key of ['OTELCOL', 'JAEGER', 'PROMETHEUS', 'PROMTOOL']) {
    if (!values[key]) throw new Error(`${path} has no ${key}`);
  }
  return values as unknown as Components;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function assertPortsFree(ports: number[]): Promise<void> {
  const taken: number[] = [];
  for (const port of ports) if (await portOpen(port)) taken.push(port);
  if (taken.length > 0) throw new Error(`ports already in use on 127.0.0.1: ${taken.join(', ')}`);
}

export class ServiceGroup {
  private readonly _processes: { name: string; child: ChildProcess }[] = [];

  constructor(private readonly _logDir: string) {}

  start(name: string, command: string, args: string[], env: Record<string, string> = {}): void {
    const log = openSync(join(this._logDir, `${name}.log`), 'a');
    const child = spawn('timeout', ['--signal=TERM', '--kill-after=10', String(LIFETIME_SECONDS), command, ...args], {
      stdio: ['ignore', log, log],
      env: { ...process.env, ...env },
    });
    child.once('exit', code => {
      if (!this._stopping) console.error(`${name} exited early with code ${code}; see ${this._logDir}/${name}.log`);
    });
    this._processes.push({ name, child });
  }

  private _stopping = false;

  /** Fails fast when a component died instead of waiting out the timeout. */
  assertRunning(): void {
    for (const { name, child } of this._processes) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${this._logDir}/${name}.log`);
    }
  }

  async waitFor(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      this.assertRunning();
      if (await ready().catch(() => false)) return;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`${what} not ready after ${timeoutMs} ms; logs in ${this._logDir}`);
  }

  /** SIGTERM everything, then SIGKILL what is left after 10 s. */
  async stopAll(): Promise<void> {
    this._stopping = true;
    await Promise.all(
      this._processes.map(
        ({ child }) =>
          new Promise<void>(resolve => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          })
      )
    );
  }
}

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.ok;
}

export { portOpen };
