/* InMemoryRowSink keeps rows until reset and refuses them once shut down. */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { InMemoryRowSink } from '../src/index.js';
import { createPipeline, THREAD } from './pipeline.js';

describe('InMemoryRowSink', () => {
  async function rowsOfOneReview() {
    const pipeline = createPipeline();
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' } }).resolve('accept');
    const rows = await pipeline.rows();
    await pipeline.shutdown();
    return rows;
  }

  it('keeps the rows it accepted until reset', async () => {
    const sink = new InMemoryRowSink();
    const rows = await rowsOfOneReview();
    const result = await new Promise<ExportResult>(resolve => sink.export(rows, resolve));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.getRows()).toEqual(rows);
    sink.reset();
    expect(sink.getRows()).toEqual([]);
  });

  it('flushes as a promise', async () => {
    await expect(new InMemoryRowSink().forceFlush()).resolves.toBeUndefined();
  });

  it('fails exports after shutdown and keeps nothing', async () => {
    const sink = new InMemoryRowSink();
    const rows = await rowsOfOneReview();
    await sink.shutdown();
    const result = await new Promise<ExportResult>(resolve => sink.export(rows, resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toBe('InMemoryRowSink is shut down');
    expect(sink.getRows()).toEqual([]);
  });
});
