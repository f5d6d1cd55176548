/*
 * A transparent stdio proxy: runs a command, forwards stdin to it and its
 * stdout back byte for byte (stderr is inherited, so it is the same file),
 * forwards signals, and shows every complete line of both directions to an
 * observer after the bytes were passed on. The observer can never delay or
 * break the stream: it runs after the write, and its errors are swallowed.
 */
import { spawn } from 'node:child_process';
import { LineSplitter } from './LineSplitter.js';

export type StreamDirection = 'client->server' | 'server->client';

export interface StdioProxyOptions {
  command: string;
  args: string[];
  /** Sees each complete line (without its newline) and the time it passed. */
  onLine: (direction: StreamDirection, line: Buffer, atMs: number) => void;
  /** Lines longer than this are forwarded but not observed. */
  maxLineBytes: number;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
}

export interface ProxyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Lines forwarded but too long to observe. */
  oversizedLines: number;
}

export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export function runStdioProxy(options: StdioProxyOptions): Promise<ProxyExit> {
  const input = options.stdin ?? process.stdin;
  const output = options.stdout ?? process.stdout;
  const child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'inherit'] });

  const observe = (direction: StreamDirection) =>
    new LineSplitter(options.maxLineBytes, (line, atMs) => {
      try {
        options.onLine(direction, line, atMs);
      } catch {
        // Observation must never break the stream.
      }
    });
  const fromClient = observe('client->server');
  const fromServer = observe('server->client');

  // Timed on arrival, observed after the bytes were passed on.
  const onInput = (chunk: Buffer) => {
    const atMs = Date.now();
    if (!child.stdin.write(chunk)) {
      input.pause();
      child.stdin.once('drain', () => input.resume());
    }
    fromClient.push(chunk, atMs);
  };
  const onInputEnd = () => child.stdin.end();
  input.on('data', onInput);
  input.on('end', onInputEnd);
  // The child may exit before reading everything: its closed stdin is not our error.
  child.stdin.on('error', () => {});

  // A client that stops reading must not crash the proxy (EPIPE): the child runs on.
  output.on('error', () => {});
  child.stdout.on('data', (chunk: Buffer) => {
    const atMs = Date.now();
    if (!output.write(chunk)) {
      child.stdout.pause();
      output.once('drain', () => child.stdout.resume());
    }
    fromServer.push(chunk, atMs);
  });

  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const handlers = FORWARDED_SIGNALS.map(signal => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);

  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      input.off('data', onInput);
      input.off('end', onInputEnd);
      input.pause();
    };
    child.once('error', error => {
      cleanUp();
      reject(error);
    });
    child.once('close', (code, signal) => {
      cleanUp();
      resolve({ code, signal, oversizedLines: fromClient.oversized + fromServer.oversized });
    });
  });
}
