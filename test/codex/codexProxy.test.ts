/* The codex-proxy subcommand, run as a real process around a real child process. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FAKE_SERVER = join(import.meta.dirname, 'fixtures', 'fakeAppServer.mjs');

function proxy(proxyArgs: string[], serverArgs: string[], env: NodeJS.ProcessEnv = process.env): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'codex-proxy', ...proxyArgs, '--', process.execPath, FAKE_SERVER, ...serverArgs],
    { cwd: ROOT, env }
  );
}

interface Finished {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

function finished(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', chunk => stdout.push(chunk));
  child.stderr.on('data', chunk => stderr.push(chunk));
  return new Promise(resolve =>
    child.on('close', code => resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }))
  );
}

function firstOutput(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise(resolve => child.stdout.once('data', chunk => resolve(String(chunk))));
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-proxy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each test starts Node with tsx twice (proxy and child): seconds on a loaded machine.
describe('codex-proxy', { timeout: 30_000 }, () => {
  it('forwards stdin, stdout and stderr byte for byte: partial lines, non-JSON lines, a 4 MiB line', async () => {
    const huge = JSON.stringify({ method: 'x', params: { blob: 'é'.repeat(2 * 1024 * 1024) } });
    const input = Buffer.from(`{"jsonrpc":"2.0","method":"initialized"}\nnot json at all\r\n${huge}\n\u0000\u00ff half a li`);
    const child = proxy(['--rows', join(dir, 'rows.jsonl')], ['echo']);
    const done = finished(child);
    // Uneven chunks split lines and multi-byte characters.
    for (let at = 0; at < input.length; at += 65_537) child.stdin.write(input.subarray(at, at + 65_537));
    child.stdin.end();
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(stdout.equals(input)).toBe(true);
    expect(stderr.equals(input)).toBe(true);
  });

  it('tells what it could not observe on stderr when OTEL_LOG_LEVEL asks', async () => {
    const child = proxy([], ['echo'], { ...process.env, OTEL_LOG_LEVEL: 'warn' });
    const done = finished(child);
    child.stdin.end('not json\n');
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(String(stdout)).toBe('not json\n');
    expect(String(stderr)).toContain('not json\n');
    // The line went both ways (the command echoes it): two messages it could not read.
    expect(String(stderr)).toMatch(/not observed: 2 malformed messages, 0 expired requests, 0 lines over --max-line-bytes/);
  });

  it('exits with the exit code of the command', async () => {
    const child = proxy([], ['exit', '7']);
    child.stdin.end();
    expect((await finished(child)).code).toBe(7);
  });

  it('exits when the command exits, while the client still holds its stdin open', async () => {
    const child = proxy([], ['exit', '3']);
    expect((await finished(child)).code).toBe(3);
    child.stdin.end();
  });

  it('on SIGTERM, writes the rows of what the command ends, and exits with its code', async () => {
    const rows = join(dir, 'rows.jsonl');
    const child = proxy(['--rows', rows], ['pending']);
    const done = finished(child);
    await firstOutput(child);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
    const written = (await readFile(rows, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event_type: string; event_params: Record<string, unknown> });
    expect(written.map(row => [row.event_type, row.event_params.status ?? row.event_params.terminal_status])).toEqual(
      expect.arrayContaining([
        ['codex_review_event', 'aborted'],
        ['codex_command_execution_event', 'rejected'],
      ])
    );
  });

  it('forwards SIGTERM to the command and exits with the code it exits with', async () => {
    const child = proxy([], ['signal']);
    const done = finished(child);
    expect(await firstOutput(child)).toBe('ready\n');
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(String(stdout)).toBe('ready\ngot SIGTERM\n');
    expect(code).toBe(42);
  });

  it('writes the review row of an approval answered through it, after a bounded flush', async () => {
    const rows = join(dir, 'rows.jsonl');
    const child = proxy(['--rows', rows, '--flush-timeout', '2000'], ['approval']);
    const done = finished(child);
    const request = JSON.parse(await firstOutput(child)) as { id: number };
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { decision: 'decline' } })}\n`);
    expect((await done).code).toBe(0);
    const [row] = (await readFile(rows, 'utf8')).trim().split('\n').map(line => JSON.parse(line));
    expect(row).toMatchObject({
      event_type: 'codex_review_event',
      event_params: { review_id: 'user:0', reviewer: 'user', status: 'denied' },
    });
  });

  it('exits 127 with a clear message when the command cannot be started', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'codex-proxy', '--', join(dir, 'no-such-command')],
      { cwd: ROOT }
    );
    child.stdin.end();
    const { code, stderr } = await finished(child);
    expect(code).toBe(127);
    expect(String(stderr)).toContain('codex-proxy: cannot run');
  });
});
