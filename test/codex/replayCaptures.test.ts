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

describe.each(['1-user-approvals', '2-guardian', '3-user-decisions'])('replay of capture %s', name => {
  it('matches every row Codex sent on every shared field', async () => {
    const run = await replay(name);
    pipeline = run.pipeline;
    const comparison = compareRows(run.codex, run.ours, REPLAY_TOLERANCE_MS);
    console.log(`${name}\n${formatComparison(comparison)}`);
    expect(comparison.rowsCompared).toBeGreaterThan(0);
    expect(comparison.missing).toEqual([]);
    expect(comparison.unexpected).toEqual([]);
    expect(comparison.absentFields).toEqual([]);
    expect(comparison.mismatches).toEqual([]);
  });
});

describe('where Codex 0.169.0 and the seed disagree', () => {
  it('Codex spells command_execution_source as the app-server enum, we as the schema does', async () => {
    const run = await replay('1-user-approvals');
    pipeline = run.pipeline;
    const source = (rows: AnalyticsRow[]) =>
      rows.find(r => r.event_type === 'codex_command_execution_event' && r.event_params.item_id === 'call_12_0')
        ?.event_params.command_execution_source;
    expect([source(run.codex), source(run.ours)]).toEqual(['unifiedExecStartup', 'unified_exec_startup']);
  });

  it('Codex sends no guardian tool call count where seed 000 counts them', async () => {
    const run = await replay('2-guardian');
    pipeline = run.pipeline;
    const comparison = compareRows(run.codex, run.ours, REPLAY_TOLERANCE_MS);
    expect(comparison.differentByDesign.get('guardian_tool_call_count')).toEqual({ pairs: 7, differing: 7 });
  });
});
