/* The codex-replay subcommand, run as a real process. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureFile } from './captures.js';

const ROOT = join(import.meta.dirname, '..', '..');

const replay = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'codex-replay', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-replay-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('codex-replay', { timeout: 30_000 }, () => {
  it('writes the rows of a recorded session to --rows', async () => {
    const rows = join(dir, 'rows.jsonl');
    const result = replay(captureFile('1-user-approvals.transcript.jsonl'), '--rows', rows);
    expect(result.status).toBe(0);
    const types = (await readFile(rows, 'utf8')).trim().split('\n').map(line => JSON.parse(line).event_type);
    expect(types.filter(t => t === 'codex_review_event')).toHaveLength(4);
    expect(types.filter(t => t === 'codex_command_execution_event')).toHaveLength(3);
  });

  it('refuses a file that is not a transcript, naming the first bad line', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"t_ms":1,"dir":"meta","msg":{}}\nhello\n');
    const result = replay(file, '--rows', join(dir, 'rows.jsonl'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('first: line 2');
  });
});
