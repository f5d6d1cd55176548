/*
 * The README's first setup example runs as printed: taken from the README,
 * pointed at this checkout, run in a child process with the real NodeSDK.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);

async function setupExample(): Promise<string> {
  const readme = await readFile(new URL('README.md', ROOT), 'utf8');
  const section = readme.slice(readme.indexOf('## Setup in a few lines'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('no setup example in the README');
  return (match[1] as string).replace("from 'agent-review-telemetry'", `from '${new URL('src/index.ts', ROOT).pathname}'`);
}

describe('README', () => {
  it('setup example runs and writes the rows it promises', async () => {
    // Inside the checkout, so the example resolves the installed packages as a project would.
    await mkdir(new URL('out', ROOT), { recursive: true });
    const dir = await mkdtemp(join(new URL('out', ROOT).pathname, 'readme-'));
    try {
      const script = join(dir, 'example.mts');
      await writeFile(script, await setupExample());
      await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
        cwd: dir,
      });
      const rows = (await readFile(join(dir, 'review-events.jsonl'), 'utf8')).trim().split('\n');
      expect(rows.map(line => (JSON.parse(line) as { event_type: string }).event_type).sort()).toEqual([
        'codex_command_execution_event',
        'codex_guardian_review',
        'codex_review_event',
        'codex_review_event',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
