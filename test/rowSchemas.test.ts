/*
 * The shipped JSON Schemas are generated from the row types (npm run
 * schemas), accept every row of the demo run and reject a row the types
 * would reject.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AgentRunSimulation } from '../demo/simulation.js';
import { InMemoryRowSink } from '../src/index.js';
import { startReviewTelemetry } from '../src/setup/index.js';
import { renderRowSchemas, SCHEMAS_DIR } from '../scripts/schemas/rowSchemas.js';
import { rowSchemaErrors } from './support/rowSchema.js';

describe('row schemas', () => {
  it('are what the row types generate', async () => {
    for (const [name, text] of renderRowSchemas()) {
      expect({ name, text: await readFile(new URL(name, SCHEMAS_DIR), 'utf8') }).toEqual({ name, text });
    }
  }, 60_000);

  it('accept every row of the demo run, content on', async () => {
    const sink = new InMemoryRowSink();
    const telemetry = startReviewTelemetry({ rowSinks: [sink], recordContent: true, shutdownOnExit: false });
    await new AgentRunSimulation(telemetry.reviews, telemetry.tracerProvider.getTracer('demo'), {
      seed: 7,
      extraTurns: 40,
      startMs: Date.UTC(2026, 0, 1),
    }).run();
    await telemetry.shutdown();
    const rows = sink.getRows();
    expect(new Set(rows.map(row => row.event_type)).size).toBe(10);
    expect(rows.flatMap(row => rowSchemaErrors(JSON.parse(JSON.stringify(row))))).toEqual([]);
  });

  it('reject a negative time, an unknown status and a missing field', () => {
    const row = {
      event_type: 'codex_review_event',
      event_params: {
        thread_id: 't', turn_id: 'u', item_id: null, review_id: 'r', app_server_client: null, runtime: null, thread_source: null, subagent_source: null,
        parent_thread_id: null, subject_kind: 'permissions', subject_name: 'permissions', reviewer: 'user',
        trigger: 'initial', status: 'approved', resolution: 'none', started_at_ms: 1, completed_at_ms: 2, duration_ms: 1,
      },
    };
    expect(rowSchemaErrors(row)).toEqual([]);
    const broken = (change: Record<string, unknown>) => ({ ...row, event_params: { ...row.event_params, ...change } });
    expect(rowSchemaErrors(broken({ started_at_ms: -1 }))).not.toEqual([]);
    expect(rowSchemaErrors(broken({ status: 'maybe' }))).not.toEqual([]);
    const { review_id: _, ...missing } = row.event_params;
    expect(rowSchemaErrors({ ...row, event_params: missing })).not.toEqual([]);
  });
});
