/*
 * OtlpLogRowSink's forceFlush and shutdown: both wait for the rows handed
 * over at most flushTimeoutMillis; a flush then warns how many are still
 * unsent, a shutdown drops them (counted) and stops the sender, and rows
 * handed over after shutdown are refused.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpLogRowSink, type RowExportResult } from '../src/index.js';
import type { FlakyCollector } from './flakyCollector.js';
import { exportRows, row } from './rowFixtures.js';
import { captureDiag, type CapturingLogger } from './support/diagCapture.js';
import { flakyOtlpLogSink } from './support/flakyOtlpLogSink.js';

const SHUT_DOWN_WITH_ROWS_UNSENT = {
  code: ExportResultCode.FAILED,
  droppedRows: { sink_failure: 2 },
  error: new Error('OtlpLogRowSink shut down with rows unsent'),
};

function sleep(millis: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, millis));
}

/** The sink's own warnings (the exporter may log its own). */
function sinkWarnings(logger: CapturingLogger): string[] {
  return logger.warnings.filter(line => line.startsWith('OtlpLogRowSink'));
}

/** A resource whose host.id is detected when the test says so. */
function detectedOnCue(): { resource: ReturnType<typeof resourceFromAttributes>; detect: () => void } {
  let detect = () => {};
  const hostId = new Promise<string>(resolve => {
    detect = () => resolve('machine-1');
  });
  return { resource: resourceFromAttributes({ 'host.id': hostId }), detect };
}

describe('OtlpLogRowSink shutdown and flush', () => {
  let collector: FlakyCollector | undefined;
  afterEach(async () => {
    diag.disable();
    await collector?.close();
    collector = undefined;
  });

  it('refuses rows handed over after shutdown at once, with "OtlpLogRowSink is shut down"', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter });
    await sink.shutdown();
    const results: RowExportResult[] = [];
    sink.export([row('late')], result => results.push(result));
    expect(results).toEqual([{ code: ExportResultCode.FAILED, error: new Error('OtlpLogRowSink is shut down') }]);
  });

  it('sends the rows still waiting before it shuts down', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const { resource, detect } = detectedOnCue();
    const sink = new OtlpLogRowSink({ exporter, resource });
    const result = exportRows(sink, [row('a'), row('b')]);
    const shutdown = sink.shutdown();
    detect();
    await shutdown;
    expect(await result).toEqual({ code: ExportResultCode.SUCCESS });
  });

  it('drops the rows still waiting for resource detection after flushTimeoutMillis when it shuts down', async () => {
    const sink = new OtlpLogRowSink({
      exporter: new InMemoryLogRecordExporter(),
      resource: detectedOnCue().resource,
      flushTimeoutMillis: 50,
    });
    const result = exportRows(sink, [row('a'), row('b')]);
    await sink.shutdown();
    expect(await result).toEqual(SHUT_DOWN_WITH_ROWS_UNSENT);
  });

  it('counts none of the rows it dropped at shutdown as unsent in a later flush', async () => {
    const sink = new OtlpLogRowSink({
      exporter: new InMemoryLogRecordExporter(),
      resource: detectedOnCue().resource,
      flushTimeoutMillis: 50,
    });
    sink.export([row('a'), row('b')], () => {});
    await sink.shutdown();
    const logger = captureDiag(DiagLogLevel.WARN);
    await sink.forceFlush(); // the sender still waits for resource detection
    expect(sinkWarnings(logger)).toEqual(['OtlpLogRowSink 0 rows still unsent after 50 ms']);
  });

  it('stops waiting to retry when it shuts down: the rows are dropped and no attempt follows', async () => {
    const flaky = await flakyOtlpLogSink(['408'], {
      flushTimeoutMillis: 50,
      retry: { initialIntervalMillis: 60_000, randomizationFactor: 0 },
    });
    collector = flaky.collector;
    const result = exportRows(flaky.sink, [row('a'), row('b')]);
    await collector.requests(1);
    await flaky.sink.shutdown();
    expect(await result).toEqual(SHUT_DOWN_WITH_ROWS_UNSENT);
    const logger = captureDiag(DiagLogLevel.WARN);
    await flaky.sink.forceFlush(); // nothing left running to wait for
    expect(sinkWarnings(logger)).toEqual([]);
    expect(collector.answers).toEqual(['408']);
  });

  it('stops the sender when an attempt that was under way at shutdown ends, without waiting to retry', async () => {
    const flaky = await flakyOtlpLogSink(
      ['hang'],
      { flushTimeoutMillis: 50, retry: { initialIntervalMillis: 60_000, randomizationFactor: 0 } },
      200
    );
    collector = flaky.collector;
    const result = exportRows(flaky.sink, [row('a'), row('b')]);
    await collector.requests(1);
    await flaky.sink.shutdown(); // the exporter's shutdown waits for the hanging request to time out
    expect(await result).toEqual(SHUT_DOWN_WITH_ROWS_UNSENT);
    const logger = captureDiag(DiagLogLevel.WARN);
    await flaky.sink.forceFlush();
    expect(sinkWarnings(logger)).toEqual([]);
    expect(collector.answers).toEqual(['hang']);
  });

  it('resolves forceFlush once the rows handed over are sent', async () => {
    const flaky = await flakyOtlpLogSink([]);
    collector = flaky.collector;
    flaky.sink.export([row('a'), row('b')], () => {});
    await flaky.sink.forceFlush();
    expect(collector.received).toEqual(['a', 'b']);
    await flaky.sink.shutdown();
  });

  it('resolves forceFlush after flushTimeoutMillis, warning how many rows are still unsent', async () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const flaky = await flakyOtlpLogSink(['hang'], { maxExportBatchSize: 2, flushTimeoutMillis: 50 }, 200);
    collector = flaky.collector;
    flaky.sink.export(['a', 'b', 'c', 'd', 'e'].map(row), () => {});
    await flaky.sink.forceFlush();
    expect(sinkWarnings(logger)).toEqual(['OtlpLogRowSink 5 rows still unsent after 50 ms']);
    await flaky.sink.shutdown();
  });

  it('leaves no warning behind after a forceFlush that ended in time', async () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const { resource, detect } = detectedOnCue();
    const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter(), resource, flushTimeoutMillis: 100 });
    sink.export([row('a')], () => {});
    const flush = sink.forceFlush(); // waits for the row, which waits for detection
    detect();
    await flush;
    await sleep(150); // past the flush's timeout
    expect(sinkWarnings(logger)).toEqual([]);
    await sink.shutdown();
  });

  it('lets a forceFlush that timed out leave another one still waiting to end with the rows sent', async () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const exporter = new InMemoryLogRecordExporter();
    const { resource, detect } = detectedOnCue();
    const sink = new OtlpLogRowSink({ exporter, resource, flushTimeoutMillis: 300 });
    sink.export([row('a')], () => {});
    const first = sink.forceFlush();
    await sleep(100);
    const second = sink.forceFlush();
    await first;
    detect();
    await second;
    expect(sinkWarnings(logger)).toEqual(['OtlpLogRowSink 1 rows still unsent after 300 ms']);
    expect(exporter.getFinishedLogRecords()).toHaveLength(1);
    await sink.shutdown();
  });
});
