/*
 * OtlpLogRowSink's retries, through the SDK's OTLP/HTTP exporter and a
 * loopback collector answering chosen statuses: which answers are tried
 * again and which are final, how long it waits, and when and why it gives
 * rows up.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpLogRowSink } from '../src/index.js';
import type { FlakyCollector } from './flakyCollector.js';
import { exportRows, row } from './rowFixtures.js';
import { captureDiag } from './support/diagCapture.js';
import { flakyOtlpLogSink } from './support/flakyOtlpLogSink.js';

/** One wait of exactly a second after a failure, and a row given up 100 ms after handover. */
const GIVE_UP_AFTER_ONE_ATTEMPT = { initialIntervalMillis: 1_000, randomizationFactor: 0, maxElapsedTimeMillis: 100 };

/** An exporter that answers every export the same way, or throws. */
function answeringExporter(answer: () => ExportResult): LogRecordExporter {
  return {
    export: (_records, resultCallback) => resultCallback(answer()),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}

describe('OtlpLogRowSink retries', () => {
  let collector: FlakyCollector | undefined;
  afterEach(async () => {
    diag.disable();
    await collector?.close();
    collector = undefined;
  });

  it.each(['408', '307'] as const)('tries a batch answered %s again, and sends it', async status => {
    const flaky = await flakyOtlpLogSink([status]);
    collector = flaky.collector;
    const result = await exportRows(flaky.sink, [row('a'), row('b')]);
    expect(result).toEqual({ code: ExportResultCode.SUCCESS });
    expect(collector.answers).toEqual([status, 'ok']);
    expect(collector.received).toEqual(['a', 'b']);
    await flaky.sink.shutdown();
  });

  it.each([
    ['400', 'Bad Request'],
    ['500', 'Internal Server Error'],
  ] as const)('drops a batch answered %s as sink_failure at once, with the status text', async (status, text) => {
    const flaky = await flakyOtlpLogSink([status]);
    collector = flaky.collector;
    const result = await exportRows(flaky.sink, [row('a'), row('b')]);
    expect(result.droppedRows).toEqual({ sink_failure: 2 });
    expect(result.error?.message).toBe(text);
    expect(collector.answers).toEqual([status]);
    await flaky.sink.shutdown();
  });

  it('gives rows up after the attempt that leaves them no time for another, naming the attempts and the last error', async () => {
    const flaky = await flakyOtlpLogSink(['408'], { retry: GIVE_UP_AFTER_ONE_ATTEMPT });
    collector = flaky.collector;
    const result = await exportRows(flaky.sink, [row('a'), row('b')]);
    expect(result).toMatchObject({ code: ExportResultCode.FAILED, droppedRows: { sink_failure: 2 } });
    expect(result.error?.message).toBe('OtlpLogRowSink gave up rows unsent after 100 ms (1 attempts, the last: Request Timeout)');
    expect(collector.answers).toEqual(['408']);
    await flaky.sink.shutdown();
  });

  it('gives up an attempt with no answer after attemptTimeoutMillis, and the rows that waited out their time behind it untried', async () => {
    const flaky = await flakyOtlpLogSink(
      ['hang'],
      { maxExportBatchSize: 2, attemptTimeoutMillis: 150, retry: { maxElapsedTimeMillis: 50 } },
      400
    );
    collector = flaky.collector;
    const [tried, waited] = await Promise.all([
      exportRows(flaky.sink, [row('a'), row('b')]),
      exportRows(flaky.sink, [row('c'), row('d')]),
    ]);
    expect(tried.error?.message).toBe('OtlpLogRowSink gave up rows unsent after 50 ms (1 attempts, the last: no answer in 150 ms)');
    expect(waited.error?.message).toBe('OtlpLogRowSink gave up rows unsent after 50 ms (waited)');
    expect([tried.droppedRows, waited.droppedRows]).toEqual([{ sink_failure: 2 }, { sink_failure: 2 }]);
    await flaky.sink.forceFlush();
    expect(collector.answers).toEqual(['hang']);
    await flaky.sink.shutdown();
  });

  it('logs each retry at debug level with the error, the rows and the wait', async () => {
    const logger = captureDiag(DiagLogLevel.DEBUG);
    const flaky = await flakyOtlpLogSink(['408'], { retry: { initialIntervalMillis: 20, randomizationFactor: 0 } });
    collector = flaky.collector;
    expect((await exportRows(flaky.sink, [row('a'), row('b'), row('c')])).code).toBe(ExportResultCode.SUCCESS);
    expect(logger.debugs.filter(line => line.startsWith('OtlpLogRowSink'))).toEqual([
      'OtlpLogRowSink export failed (Request Timeout); retrying 3 rows in 20 ms',
    ]);
    await flaky.sink.shutdown();
  });

  it('calls an export that failed without saying why "export failed"', async () => {
    const sink = new OtlpLogRowSink({
      exporter: answeringExporter(() => ({ code: ExportResultCode.FAILED })),
      retry: GIVE_UP_AFTER_ONE_ATTEMPT,
    });
    const result = await exportRows(sink, [row('a')]);
    expect(result.error?.message).toBe('OtlpLogRowSink gave up rows unsent after 100 ms (1 attempts, the last: export failed)');
    await sink.shutdown();
  });

  it('counts an exporter that throws as a failed attempt, with its error', async () => {
    const sink = new OtlpLogRowSink({
      exporter: answeringExporter(() => {
        throw new Error('exporter broke');
      }),
      attemptTimeoutMillis: 200,
      retry: GIVE_UP_AFTER_ONE_ATTEMPT,
    });
    const result = await exportRows(sink, [row('a')]);
    expect(result).toMatchObject({ code: ExportResultCode.FAILED, droppedRows: { sink_failure: 1 } });
    expect(result.error?.message).toBe('OtlpLogRowSink gave up rows unsent after 100 ms (1 attempts, the last: exporter broke)');
    await sink.shutdown();
  });
});
