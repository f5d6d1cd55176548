/* Rows for sink tests: a plain valid row, and rows no sink can write. */
import { readFile } from 'node:fs/promises';
import type { ReviewEventRow, ReviewRow, RowExportResult, RowSink } from '../src/index.js';

export function row(reviewId: string): ReviewRow {
  return {
    event_type: 'codex_review_event',
    event_params: {
      thread_id: 't',
      turn_id: 'u',
      item_id: null,
      review_id: reviewId,
      app_server_client: null,
      runtime: null,
      thread_source: null,
      subagent_source: null,
      parent_thread_id: null,
      subject_kind: 'permissions',
      subject_name: 'permissions',
      reviewer: 'user',
      trigger: 'initial',
      status: 'aborted',
      resolution: 'none',
      started_at_ms: 1,
      completed_at_ms: 2,
      duration_ms: 1,
    },
  };
}

/** A valid row with one field replaced by something JSON cannot carry. */
function withField(reviewId: string, key: string, value: unknown): ReviewRow {
  const bad = row(reviewId);
  (bad.event_params as unknown as Record<string, unknown>)[key] = value;
  return bad;
}

function deepValue(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

function cyclicValue(): unknown {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}

/** One row per way a row can fail to serialise, and things handed over as rows that are not. */
export function unwritableRows(): ReviewRow[] {
  return [
    { event_type: 'codex_review_event' } as ReviewRow,
    { event_type: 'codex_review_event', event_params: null } as unknown as ReviewRow,
    { event_params: row('no-type').event_params } as unknown as ReviewRow,
    withField('bigint', 'duration_ms', 10n),
    withField('nan-time', 'completed_at_ms', Number.NaN),
    withField('infinite-time', 'started_at_ms', Number.POSITIVE_INFINITY),
    withField('deep', 'subject_name', deepValue(1_000_000)),
    withField('cycle', 'subject_name', cyclicValue()),
    withField('throwing-tojson', 'subject_name', {
      toJSON() {
        throw new Error('no JSON for you');
      },
    }),
  ];
}

/** Hands rows to a sink; resolves with what became of them. */
export function exportRows(sink: RowSink, rows: ReviewRow[]): Promise<RowExportResult> {
  return new Promise(resolve => sink.export(rows, resolve));
}

/** The review_id of each line of a JSONL file of rows, in order. */
export async function reviewIdsIn(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  return lines.map(line => (JSON.parse(line) as ReviewEventRow).event_params.review_id as string);
}
