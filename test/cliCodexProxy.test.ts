/* `codex-proxy`, run in this process around a real child process (the fake app-server). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diag } from '@opentelemetry/api';
import { Captured, cli } from './cliRun.js';
import { captureDiag } from './support/diagCapture.js';

/** Takes each chunk on a later turn of the event loop, 16 KiB at most buffered: a reader that pushes back. */
class SlowReader extends Captured {
  constructor() {
    super(false, 80, 16 * 1024);
  }
  override _write(chunk: Buffer, encoding: string, done: () => void): void {
    setImmediate(() => super._write(chunk, encoding, done));
  }
}

const FAKE_SERVER = join(import.meta.dirname, 'codex', 'fixtures', 'fakeAppServer.mjs');

let dir: string;
beforeEach(async () => {
  vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', '');
  dir = await mkdtemp(join(tmpdir(), 'cli-codex-proxy-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('codex-proxy', { timeout: 20_000 }, () => {
  it('ends with the exit code of the command', async () => {
    const { code, stdout, stderr } = await cli(['codex-proxy', '--', process.execPath, FAKE_SERVER, 'exit', '7']);
    expect({ code, stdout, stderr }).toEqual({ code: 7, stdout: '', stderr: '' });
  });

  it('writes the review row of an approval answered through it to --rows', async () => {
    const rows = join(dir, 'rows.jsonl');
    const stdin = new PassThrough();
    const output = new Captured();
    const run = cli(['codex-proxy', '--rows', rows, '--flush-timeout', '5000', '--', process.execPath, FAKE_SERVER, 'approval'], {
      stdin,
      stdout: output,
    });
    // The request goes out on stdout, then the answer comes in on stdin.
    await expect.poll(() => output.text, { timeout: 10_000 }).toContain('requestApproval');
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 0, result: { decision: 'decline' } })}\n`);
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ method: 'item/commandExecution/requestApproval', id: 0 });
    const [row] = (await readFile(rows, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event_type: string; event_params: Record<string, unknown> });
    expect(row).toMatchObject({ event_type: 'codex_review_event', event_params: { reviewer: 'user', status: 'denied' } });
  });

  it('ends with 128 plus the signal number when the command is killed by a signal', async () => {
    const run = cli(['codex-proxy', '--', process.execPath, '-e', "process.stdout.write('up\\n'); setTimeout(() => process.kill(process.pid, 'SIGKILL'), 100)"]);
    expect((await run).code).toBe(137);
  });

  it('tells through diag, once at the end, how many lines it forwarded without observing them', async () => {
    const lines = captureDiag();
    const output = `${['not json', 'x'.repeat(100), JSON.stringify({ jsonrpc: '2.0', method: 'x' })].join('\n')}\n`;
    const script = `process.stdout.write(${JSON.stringify(output)})`;
    const { code, stdout } = await cli(['codex-proxy', '--max-line-bytes', '64', '--', process.execPath, '-e', script]);
    diag.disable();
    expect(code).toBe(0);
    expect(stdout.split('\n')).toHaveLength(4);
    expect(lines.lines.filter(line => line.includes('not observed'))).toEqual([
      'codex-proxy: not observed: 1 malformed messages, 0 expired requests, 1 lines over --max-line-bytes (all forwarded)',
    ]);
  });

  it('tells nothing of lines not observed when it observed every line', async () => {
    const lines = captureDiag();
    const { code } = await cli(['codex-proxy', '--', process.execPath, FAKE_SERVER, 'exit', '0']);
    diag.disable();
    expect(code).toBe(0);
    expect(lines.lines.filter(line => line.includes('not observed'))).toEqual([]);
  });

  it('forwards a megabyte each way through a child that reads slowly to a reader that reads slowly', async () => {
    // The child starts reading after 200 ms, so stdin meets a full pipe; the reader takes each chunk on a later turn.
    const script = "setTimeout(() => process.stdin.pipe(process.stdout), 200)";
    const stdin = new PassThrough();
    const output = new SlowReader();
    const run = cli(['codex-proxy', '--', process.execPath, '-e', script], { stdin, stdout: output });
    const line = `${'x'.repeat(1023)}\n`;
    const megabyte = line.repeat(1024);
    for (let i = 0; i < 64; i++) stdin.write(line.repeat(16));
    stdin.end();
    const { code } = await run;
    expect(code).toBe(0);
    expect(output.text.length).toBe(megabyte.length);
    expect(output.text === megabyte).toBe(true);
  });

  it('ends with 127 and says why when the command cannot be run', async () => {
    const { code, stderr } = await cli(['codex-proxy', '--', '/nonexistent/app-server']);
    expect(code).toBe(127);
    expect(stderr).toMatch(/^codex-proxy: cannot run \/nonexistent\/app-server: spawn \/nonexistent\/app-server ENOENT\n$/);
  });
});
