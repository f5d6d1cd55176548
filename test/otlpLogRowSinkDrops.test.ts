/*
 * What OtlpLogRowSink reports for each batch: the rows dropped, the reason
 * and the error that says why (queue overflow, a row that cannot be
 * serialised, a failure of the sender itself), an empty batch, and a
 * result callback that throws.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OtlpLogRowSink, type ReviewRow, type RowExportResult } from '../src/index.js';
import { exportRows, row } from './rowFixtures.js';
import { captureDiag } from './support/diagCapture.js';

function reviewIds(exporter: InMemoryLogRecordExporter): unknown[] {
  return exporter.getFinishedLogRecords().map(record => (record.body as { review_id: unknown }).review_id);
}

describe('OtlpLogRowSink drops', () => {
  afterEach(() => {
    diag.disable();
    vi.useRealTimers();
  });

  it('answers an empty batch at once, as written', async () => {
    const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter() });
    const results: RowExportResult[] = [];
    sink.export([], result => results.push(result));
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
    await sink.shutdown();
  });

  it('starts no sending for a batch with no row to send, so a flush does not wait for resource detection', async () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const resource = resourceFromAttributes({ 'host.id': new Promise<string>(() => {}) });
    const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter(), resource, flushTimeoutMillis: 50 });
    sink.export([], () => {});
    await sink.forceFlush();
    expect(logger.warnings).toEqual([]);
  });

  it('names the bound of the queue in the error of the rows it drops as sink_overflow', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter, maxQueueSize: 2 });
    const result = await exportRows(sink, [row('a'), row('b'), row('c')]);
    expect(result).toEqual({
      code: ExportResultCode.SUCCESS,
      droppedRows: { sink_overflow: 1 },
      error: new Error('OtlpLogRowSink: over 2 rows waiting'),
    });
    expect(reviewIds(exporter)).toEqual(['b', 'c']);
    await sink.shutdown();
  });

  it('names the field and its value in the error of a row dropped for a time that is not finite', async () => {
    const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter() });
    const bad = row('nan');
    (bad.event_params as unknown as Record<string, unknown>).completed_at_ms = Number.NaN;
    const result = await exportRows(sink, [bad]);
    expect(result).toEqual({
      code: ExportResultCode.FAILED,
      droppedRows: { unserializable: 1 },
      error: new Error('codex_review_event.completed_at_ms is NaN'),
    });
    await sink.shutdown();
  });

  it('drops a row whose JSON is nothing as unserializable, "row is not JSON"', async () => {
    const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter() });
    const nothing = { ...row('nothing'), toJSON: () => undefined } as unknown as ReviewRow;
    const result = await exportRows(sink, [nothing]);
    expect(result).toEqual({
      code: ExportResultCode.FAILED,
      droppedRows: { unserializable: 1 },
      error: new Error('row is not JSON'),
    });
    await sink.shutdown();
  });

  it('drops something handed over as a row that is not one, alone, as unserializable', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter });
    const hollow = { event_type: 'codex_review_event' } as ReviewRow;
    const result = await exportRows(sink, [row('a'), hollow, row('c')]);
    expect(result).toMatchObject({ code: ExportResultCode.SUCCESS, droppedRows: { unserializable: 1 } });
    expect(result.error?.message).toBe('not a row: needs a string event_type and an object event_params');
    expect(reviewIds(exporter)).toEqual(['a', 'c']);
    await sink.shutdown();
  });

  it('still sends a row whose maxElapsedTime ends the moment it is sent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // the clock stands still: no time passes between handover and sending
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter, retry: { maxElapsedTimeMillis: 0 } });
    expect(await exportRows(sink, [row('a')])).toEqual({ code: ExportResultCode.SUCCESS });
    await sink.shutdown();
  });

  it('logs a result callback that throws and goes on sending', async () => {
    const logger = captureDiag(DiagLogLevel.ERROR);
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter });
    sink.export([row('a')], () => {
      throw new Error('callback broke');
    });
    expect(await exportRows(sink, [row('b')])).toEqual({ code: ExportResultCode.SUCCESS });
    expect(logger.errors).toEqual(['row sink export callback threw Error: callback broke']);
    expect(reviewIds(exporter)).toEqual(['a', 'b']);
    await sink.shutdown();
  });
});
