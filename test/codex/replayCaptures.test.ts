import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CodexBridge, readTranscript } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { type AnalyticsRow, compareRows, formatComparison } from './codexRowComparison.js';
import { captureFile } from './captures.js';

const REPLAY_TOLERANCE_MS = 10;

async function replay(name: string): Promise<{ ours: AnalyticsRow[]; codex: AnalyticsRow[]; pipeline: Pipeline }> {
  const pipeline = createPipeline();
  const bridge = new CodexBridge({ reviews: pipeline.reviews });
  const { entries, badLines } = readTranscript(readFileSync(captureFile(`${name}.transcript.jsonl`), 'utf8'));
  expect(badLines).toEqual([]);
  for (const entry of entries) bridge.observe(entry.direction, entry.message, entry.atMs);
  bridge.close(entries.at(-1)!.atMs);
  const codex = readFileSync(captureFile(`${name}.analytics.jsonl`), 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => JSON.parse(line) as AnalyticsRow);
  return { ours: (await pipeline.rows()) as unknown as AnalyticsRow[], codex, pipeline };
}

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.shutdown();
  pipeline = undefined;
});

describe.each(['1-user-approvals', '2-guardian'])('replay of capture %s', name => {
  it('matches every row Codex sent on every shared field', async () => {
    const run = await replay(name);
    pipeline = run.pipeline;
    const comparison = compareRows(run.codex, run.ours, REPLAY_TOLERANCE_MS);
    console.log(`${name}\n${formatComparison(comparison)}`);
    expect(comparison.rowsCompared).toBeGreaterThan(0);
    expect(comparison.missing).toEqual([]);
    expect(comparison.unexpected).toEqual([]);
    expect(comparison.mismatches).toEqual([]);
  });
});
