/* The stdio proxy of codex-proxy, run in this process around a real child process. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FORWARDED_SIGNALS, runStdioProxy, type StreamDirection } from './support/internals.js';

/** A child that echoes its stdin to stdout, upper-cased, and exits with `code` at the end of its input. */
const ECHO = (code = 0) =>
  `process.stdin.on('data', c => process.stdout.write(String(c).toUpperCase())); process.stdin.on('end', () => process.exitCode = ${code});`;

function proxy(script: string, onLine: (direction: StreamDirection, line: string) => void = () => {}, maxLineBytes = 1024) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const output: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => output.push(chunk));
  const exit = runStdioProxy({
    command: process.execPath,
    args: ['-e', script],
    maxLineBytes,
    stdin,
    stdout,
    onLine: (direction, line) => onLine(direction, String(line)),
  });
  return { stdin, exit, output: () => Buffer.concat(output).toString('utf8') };
}

describe('runStdioProxy', { timeout: 20_000 }, () => {
  it('forwards stdin to the command and its stdout back, and resolves with its exit code', async () => {
    const run = proxy(ECHO(3));
    run.stdin.end('hello\nworld');
    expect(await run.exit).toEqual({ code: 3, signal: null, oversizedLines: 0 });
    expect(run.output()).toBe('HELLO\nWORLD');
  });

  it('shows the observer each complete line of both directions', async () => {
    const lines: string[] = [];
    const run = proxy(ECHO(), (direction, line) => lines.push(`${direction} ${line}`));
    run.stdin.end('a\nb\n');
    await run.exit;
    expect(lines.filter(line => line.startsWith('client->server'))).toEqual(['client->server a', 'client->server b']);
    expect(lines.filter(line => line.startsWith('server->client'))).toEqual(['server->client A', 'server->client B']);
  });

  it('keeps the stream going when the observer throws', async () => {
    const run = proxy(ECHO(), () => {
      throw new Error('observer failed');
    });
    run.stdin.end('a\nb\n');
    await run.exit;
    expect(run.output()).toBe('A\nB\n');
  });

  it('forwards but does not observe lines over the cap, and counts them', async () => {
    const lines: string[] = [];
    const run = proxy(ECHO(), (_, line) => lines.push(line), 8);
    run.stdin.end('0123456789\nok\n');
    expect((await run.exit).oversizedLines).toBe(2);
    expect(run.output()).toBe('0123456789\nOK\n');
    expect(lines).toEqual(['ok', 'OK']);
  });

  it('forwards a signal to the command, and stops listening for signals when it ends', async () => {
    const before = FORWARDED_SIGNALS.map(signal => process.listenerCount(signal));
    const run = proxy(`process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`);
    await expect.poll(() => run.output(), { timeout: 10_000 }).toBe('ready\n');
    process.emit('SIGTERM');
    expect(await run.exit).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(FORWARDED_SIGNALS.map(signal => process.listenerCount(signal))).toEqual(before);
  });

  it('rejects when the command cannot be run', async () => {
    const stdin = new PassThrough();
    const exit = runStdioProxy({ command: '/nonexistent/command', args: [], maxLineBytes: 1024, stdin, stdout: new PassThrough(), onLine: () => {} });
    await expect(exit).rejects.toThrow(/ENOENT/);
  });
});
