/*
 * startReviewTelemetry flushes when the process ends without calling
 * shutdown: a real child process, signalled or left to run dry.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const AGENT = new URL('./fixtures/exitingAgent.ts', import.meta.url).pathname;

function runAgent(rowsFile: string, count: number, mode: 'wait' | 'return', signal?: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', AGENT, rowsFile, String(count), mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (signal !== undefined && chunk.toString().includes('ready')) child.kill(signal);
    });
    child.on('error', reject);
    child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
}

async function rowsIn(path: string): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').filter(line => line.length > 0).length;
}

describe('exit hooks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exit-hooks-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`writes every row on ${signal} right after the last review, then ends by the signal`, async () => {
      const rows = join(dir, 'rows.jsonl');
      const exit = await runAgent(rows, 300, 'wait', signal);
      expect(exit).toEqual({ code: null, signal });
      expect(await rowsIn(rows)).toBe(300);
    }, 20_000);
  }

  it('writes every row when the event loop runs dry without a shutdown call', async () => {
    const rows = join(dir, 'rows.jsonl');
    const exit = await runAgent(rows, 300, 'return');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await rowsIn(rows)).toBe(300);
  }, 20_000);
});
