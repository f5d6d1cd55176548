import { describe, expect, it } from 'vitest';
import { type AnalyticsRow, compareRows } from './codexRowComparison.js';

const review = (fields: Record<string, unknown>): AnalyticsRow => ({
  event_type: 'codex_review_event',
  event_params: { review_id: 'user:1', status: 'approved', completed_at_ms: 1000, ...fields },
});

describe('compareRows', () => {
  it('counts every field both rows have and finds none different in equal rows', () => {
    const result = compareRows([review({ only_codex: 1 })], [review({ only_ours: 2 })], 5);
    expect(result).toMatchObject({ rowsCompared: 1, fieldsCompared: 3, mismatches: [] });
  });

  it('reports a field Codex sends that our row lacks, unless it is listed as not ours', () => {
    const dropped = { event_type: 'codex_review_event', event_params: { review_id: 'user:1', completed_at_ms: 1000 } };
    expect(compareRows([review({})], [dropped], 5).absentFields).toEqual(['codex_review_event.status']);
    const guardian = (params: Record<string, unknown>): AnalyticsRow => ({ event_type: 'codex_guardian_review', event_params: { review_id: 'r', ...params } });
    expect(compareRows([guardian({ attempt_count: 1 })], [guardian({})], 5).absentFields).toEqual([]);
  });

  it('records the largest time difference it compared', () => {
    expect(compareRows([review({})], [review({ completed_at_ms: 1003 })], 5).maxTimeDeltaMs).toBe(3);
  });

  it('reports a shared field with a different value', () => {
    const result = compareRows([review({})], [review({ status: 'denied' })], 5);
    expect(result.mismatches).toEqual([
      { eventType: 'codex_review_event', key: 'codex_review_event user:1', field: 'status', codex: 'approved', ours: 'denied' },
    ]);
  });

  it('accepts times within the tolerance and reports them beyond it', () => {
    expect(compareRows([review({})], [review({ completed_at_ms: 1005 })], 5).mismatches).toEqual([]);
    expect(compareRows([review({})], [review({ completed_at_ms: 1006 })], 5).mismatches).toHaveLength(1);
  });

  it('reports Codex rows we lack and rows of ours Codex lacks', () => {
    const result = compareRows([review({})], [review({ review_id: 'user:2' })], 5);
    expect(result).toMatchObject({ missing: ['codex_review_event user:1'], unexpected: ['codex_review_event user:2'] });
  });

  it("compares Codex's renamed guardian fields under the seed's names", () => {
    const guardian = (params: Record<string, unknown>): AnalyticsRow => ({
      event_type: 'codex_guardian_review',
      event_params: { review_id: 'r', ...params },
    });
    const result = compareRows([guardian({ failure_reason: 'parse_error' })], [guardian({ failure_kind: 'timeout' })], 5);
    expect(result.mismatches).toMatchObject([{ field: 'failure_kind', codex: 'parse_error', ours: 'timeout' }]);
  });

  it('leaves out a field that differs by design, and counts whether it differed', () => {
    const item = (source: string): AnalyticsRow => ({
      event_type: 'codex_command_execution_event',
      event_params: { thread_id: 't', turn_id: 'u', item_id: 'c', command_execution_source: source },
    });
    const result = compareRows([item('unifiedExecStartup')], [item('unified_exec_startup')], 5);
    expect(result.mismatches).toEqual([]);
    expect(result.differentByDesign.get('command_execution_source')).toEqual({ pairs: 1, differing: 1 });
  });
});
