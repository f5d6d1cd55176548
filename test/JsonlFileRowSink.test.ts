/* The JSONL sink writes one row per line, in order, and reports failures. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileRowSink, type ReviewRow } from '../src/index.js';

function row(reviewId: string): ReviewRow {
  return {
    event_type: 'codex_review_event',
    event_params: {
      thread_id: 't',
      turn_id: 'u',
      item_id: null,
      review_id: reviewId,
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

function exportRows(sink: JsonlFileRowSink, rows: ReviewRow[]): Promise<ExportResult> {
  return new Promise(resolve => sink.export(rows, resolve));
}

describe('JsonlFileRowSink', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-sink-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes one JSON row per line, in export order, creating the folder', async () => {
    const path = join(dir, 'nested', 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    sink.export([row('a'), row('b')], () => {});
    sink.export([row('c')], () => {});
    await sink.forceFlush();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map(line => (JSON.parse(line) as ReviewRow).event_params.review_id)).toEqual(['a', 'b', 'c']);
    await sink.shutdown();
  });

  it('appends by default and empties the file when asked to truncate', async () => {
    const path = join(dir, 'rows.jsonl');
    for (const truncate of [false, false, true]) {
      const sink = new JsonlFileRowSink({ path, truncate });
      await exportRows(sink, [row('x')]);
      await sink.shutdown();
    }
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports a failed write through the callback', async () => {
    const sink = new JsonlFileRowSink({ path: dir });
    const result = await exportRows(sink, [row('a')]);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toMatch(/EISDIR/);
    await sink.shutdown();
  });

  it('fails new batches once the unwritten backlog exceeds its bound', async () => {
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl'), maxPendingBytes: 500 });
    const first = exportRows(sink, [row('a')]);
    const second = await exportRows(sink, [row('b'), row('c')]);
    expect(second.code).toBe(ExportResultCode.FAILED);
    expect(second.error?.message).toMatch(/over 500 bytes/);
    expect((await first).code).toBe(ExportResultCode.SUCCESS);
    await sink.shutdown();
  });

  it('fails exports after shutdown', async () => {
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl') });
    await sink.shutdown();
    expect((await exportRows(sink, [row('a')])).code).toBe(ExportResultCode.FAILED);
  });

  it('accepts new batches again once the backlog is written', async () => {
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl'), maxPendingBytes: 500 });
    expect((await exportRows(sink, [row('a')])).code).toBe(ExportResultCode.SUCCESS);
    expect((await exportRows(sink, [row('b')])).code).toBe(ExportResultCode.SUCCESS);
    await sink.shutdown();
  });

  it('opens the file again for the next batch after a failed open', async () => {
    const blocker = join(dir, 'sub');
    await writeFile(blocker, 'a file where the folder should be');
    const sink = new JsonlFileRowSink({ path: join(blocker, 'rows.jsonl') });
    expect((await exportRows(sink, [row('a')])).code).toBe(ExportResultCode.FAILED);
    await rm(blocker);
    expect((await exportRows(sink, [row('b')])).code).toBe(ExportResultCode.SUCCESS);
    await sink.shutdown();
    expect(await readFile(join(blocker, 'rows.jsonl'), 'utf8')).toContain('"review_id":"b"');
  });

  it('accepts a batch exactly as large as the backlog bound', async () => {
    const line = JSON.stringify(row('a')) + '\n';
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl'), maxPendingBytes: line.length });
    expect((await exportRows(sink, [row('a')])).code).toBe(ExportResultCode.SUCCESS);
    await sink.shutdown();
  });

  it('finishes the writes handed over before it shuts down', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    sink.export([row('a'), row('b')], () => {});
    await sink.shutdown();
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(2);
  });

  it('says why an export after shutdown failed', async () => {
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl') });
    await sink.shutdown();
    expect((await exportRows(sink, [row('a')])).error?.message).toBe('JsonlFileRowSink is shut down');
  });
});
