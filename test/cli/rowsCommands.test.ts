/* `summarize` and `validate`, run as the real command on real rows files. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipeline, THREAD } from '../pipeline.js';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
let rowsFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rows-commands-'));
  const pipeline = createPipeline();
  pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
  pipeline.reviews.startUserReview({ ...THREAD, requestId: 2, request: { kind: 'file_change' } }).resolve('decline');
  pipeline.reviews
    .startGuardianReview({ ...THREAD, reviewId: 'g', timeoutMs: 10, action: { type: 'apply_patch' } })
    .failClosed('parse_error');
  const rows = await pipeline.rows();
  await pipeline.shutdown();
  rowsFile = join(dir, 'rows.jsonl');
  await writeFile(rowsFile, rows.map(row => JSON.stringify(row)).join('\n') + '\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('summarize', { timeout: 30_000 }, () => {
  it('prints the figures of a rows file as JSON', () => {
    const { code, stdout } = cli('summarize', rowsFile, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      rowsByEventType: { codex_guardian_review: 1, codex_review_event: 3 },
      reviewsByReviewerAndStatus: [
        { reviewer: 'guardian', status: 'denied', reviews: 1 },
        { reviewer: 'user', status: 'approved', reviews: 1 },
        { reviewer: 'user', status: 'denied', reviews: 1 },
      ],
      guardian: { reviews: 1, failedClosed: 1, timedOut: 0 },
    });
  });

  it('prints the tables the demo prints', () => {
    const { code, stdout } = cli('summarize', rowsFile);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rows by event_type\s+rows\n/);
    expect(stdout).toMatch(/failed closed\s+1 \(100\.0%\)/);
  });

  it('refuses a file with lines that are not JSON, with exit 2 and the line', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"event_type":"x","event_params":{}}\nnope\n');
    const { code, stderr } = cli('summarize', bad);
    expect(code).toBe(2);
    expect(stderr).toMatch(/1 line\(s\) are not JSON objects \(first: line 2\)/);
  });
});

describe('validate', { timeout: 30_000 }, () => {
  it('accepts every row the processor writes', () => {
    const { code, stdout } = cli('validate', rowsFile);
    expect(code).toBe(0);
    expect(stdout).toBe('4 valid, 0 invalid\n');
  });

  it('names the line and the field of each invalid row, and exits 1', async () => {
    const bad = join(dir, 'invalid.jsonl');
    const [first] = (await import('node:fs')).readFileSync(rowsFile, 'utf8').split('\n') as [string];
    const broken = JSON.parse(first) as { event_params: Record<string, unknown> };
    broken.event_params.started_at_ms = -1;
    await writeFile(bad, `${first}\n${JSON.stringify(broken)}\n[1]\n`);
    const { code, stdout } = cli('validate', bad);
    expect(code).toBe(1);
    expect(stdout).toContain('line 2: /event_params/started_at_ms must be >= 0');
    expect(stdout).toContain('line 3: not a JSON object');
    expect(stdout).toMatch(/1 valid, 2 invalid\n$/);
  });
});
