/* The row sink contract: a batch's outcome row by row, counted by the processor. */
import { ExportResultCode } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { InMemoryRowSink, ReviewEventProcessor, type ReviewRow, ReviewTracer, type RowSink } from '../src/index.js';
import type { ReviewEventRow, RowExportResult } from '../src/index.js';
import { rowExportOutcome, sinkExportTimeout } from './support/internals.js';
import { ManualMetricReader, MetricsView, THREAD } from './pipeline.js';
import { row, unwritableRows } from './rowFixtures.js';

describe('rowExportOutcome', () => {
  it('counts a plain SUCCESS as every row written', () => {
    expect(rowExportOutcome({ code: ExportResultCode.SUCCESS }, 5)).toEqual({ written: 5, dropped: [] });
  });

  it('counts a plain FAILED as every row a sink_failure', () => {
    expect(rowExportOutcome({ code: ExportResultCode.FAILED }, 5)).toEqual({
      written: 0,
      dropped: [['sink_failure', 5]],
    });
  });

  it('counts the rows a SUCCESS lists as dropped by reason and the rest as written', () => {
    const result = { code: ExportResultCode.SUCCESS, droppedRows: { unserializable: 1, sink_overflow: 2 } };
    expect(rowExportOutcome(result, 5)).toEqual({
      written: 2,
      dropped: [
        ['unserializable', 1],
        ['sink_overflow', 2],
      ],
    });
  });

  it('adds the rows a FAILED does not list to sink_failure', () => {
    const result = { code: ExportResultCode.FAILED, droppedRows: { unserializable: 1, sink_failure: 1 } };
    expect(rowExportOutcome(result, 5)).toEqual({
      written: 0,
      dropped: [
        ['unserializable', 1],
        ['sink_failure', 4],
      ],
    });
  });

  it('adds nothing to sink_failure when a FAILED lists every row of the batch', () => {
    const result = { code: ExportResultCode.FAILED, droppedRows: { unserializable: 5 } };
    expect(rowExportOutcome(result, 5)).toEqual({ written: 0, dropped: [['unserializable', 5]] });
  });

  it('lists no reason whose count rounds down to no row', () => {
    const result = { code: ExportResultCode.SUCCESS, droppedRows: { unserializable: 0.5 } };
    expect(rowExportOutcome(result, 5)).toEqual({ written: 5, dropped: [] });
  });

  it('ignores a count that is not a number of rows (NaN)', () => {
    const result = { code: ExportResultCode.SUCCESS, droppedRows: { sink_overflow: Number.NaN } };
    expect(rowExportOutcome(result, 5)).toEqual({ written: 5, dropped: [] });
  });

  it('ignores unknown reasons and negative or fractional counts, and never counts more rows than the batch', () => {
    const droppedRows = { unserializable: -3, sink_overflow: 2.7, made_up: 4, sink_failure: 99 };
    const result = { code: ExportResultCode.SUCCESS, droppedRows } as RowExportResult;
    expect(rowExportOutcome(result, 5)).toEqual({
      written: 0,
      dropped: [
        ['sink_overflow', 2],
        ['sink_failure', 3],
      ],
    });
  });
});

describe('sinkExportTimeout', () => {
  const sink = (exportTimeoutMillis?: unknown): RowSink =>
    ({ export: () => {}, shutdown: () => Promise.resolve(), exportTimeoutMillis }) as RowSink;

  it("is the processor's timeout unless the sink declares a longer one", () => {
    expect([sinkExportTimeout(sink(), 30_000), sinkExportTimeout(sink(10_000), 30_000)]).toEqual([30_000, 30_000]);
    expect(sinkExportTimeout(sink(331_000), 30_000)).toBe(331_000);
  });

  it('ignores a declared timeout that is not a number and caps one setTimeout cannot honour', () => {
    expect([sinkExportTimeout(sink(Number.NaN), 30_000), sinkExportTimeout(sink('600000'), 30_000)]).toEqual([
      30_000, 30_000,
    ]);
    expect(sinkExportTimeout(sink(Number.POSITIVE_INFINITY), 30_000)).toBe(2_147_483_647);
  });
});

describe('InMemoryRowSink', () => {
  it('keeps the rows it could write and reports the others as unserializable', () => {
    const sink = new InMemoryRowSink();
    const bad = unwritableRows();
    let result: RowExportResult | undefined;
    sink.export([row('first'), ...bad, row('last')], outcome => (result = outcome));
    expect(result?.droppedRows).toEqual({ unserializable: bad.length });
    expect(sink.getRows().map(kept => (kept as ReviewEventRow).event_params.review_id)).toEqual(['first', 'last']);
  });
});

describe('ReviewEventProcessor with a sink that drops some rows', () => {
  it('counts the dropped rows by reason and the rest as written', async () => {
    const dropsOne: RowSink = {
      export: (rows: ReviewRow[], done) =>
        done({ code: ExportResultCode.SUCCESS, droppedRows: { sink_overflow: rows.length > 1 ? 1 : 0 } }),
      shutdown: () => Promise.resolve(),
    };
    const reader = new ManualMetricReader();
    const processor = new ReviewEventProcessor({
      sinks: [dropsOne],
      meterProvider: new MeterProvider({ readers: [reader] }),
    });
    const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
    const reviews = new ReviewTracer({ tracerProvider });
    for (let i = 0; i < 3; i++) {
      reviews.startUserReview({ ...THREAD, requestId: i, request: { kind: 'command_execution' } }).resolve('accept');
    }
    await tracerProvider.forceFlush();
    const metrics = new MetricsView(await reader.collect());
    expect(metrics.sum('agent_review.processor.rows.written')).toBe(2);
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_overflow' })).toBe(1);
    expect(metrics.sum('agent_review.processor.rows.dropped')).toBe(1);
    await tracerProvider.shutdown();
  });
});
