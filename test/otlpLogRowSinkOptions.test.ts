/*
 * OtlpLogRowSink's numeric options: a value out of range or not a number is
 * replaced by the default with a warning naming the option, its range and
 * the default; the bounds themselves are accepted. And how long the
 * processor may wait for a batch, derived from them.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpLogRowSink, type OtlpLogRowSinkOptions } from '../src/index.js';
import { captureDiag } from './support/diagCapture.js';

/** The longest delay setTimeout honours. */
const LONGEST_TIMER_MILLIS = 2 ** 31 - 1;

function sinkWith(options: Partial<OtlpLogRowSinkOptions>): OtlpLogRowSink {
  return new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter(), ...options });
}

describe('OtlpLogRowSink options', () => {
  afterEach(() => diag.disable());

  it.each([
    [{ maxQueueSize: 0 }, 'maxQueueSize must be a number from 1 to 9007199254740991, got 0; using 16384'],
    [{ maxExportBatchSize: 0 }, 'maxExportBatchSize must be a number from 1 to 9007199254740991, got 0; using 512'],
    [{ attemptTimeoutMillis: 0 }, 'attemptTimeoutMillis must be a number from 1 to 2147483647, got 0; using 30000'],
    [{ flushTimeoutMillis: -1 }, 'flushTimeoutMillis must be a number from 0 to 2147483647, got -1; using 30000'],
    [{ retry: { initialIntervalMillis: -1 } }, 'retry.initialIntervalMillis must be a number from 0 to 2147483647, got -1; using 5000'],
    [{ retry: { maxIntervalMillis: 2 ** 31 } }, 'retry.maxIntervalMillis must be a number from 0 to 2147483647, got 2147483648; using 30000'],
    [{ retry: { multiplier: 0.5 } }, 'retry.multiplier must be a number from 1 to 9007199254740991, got 0.5; using 1.5'],
    [{ retry: { randomizationFactor: 2 } }, 'retry.randomizationFactor must be a number from 0 to 1, got 2; using 0.5'],
    [{ retry: { maxElapsedTimeMillis: -1 } }, 'retry.maxElapsedTimeMillis must be a number from 0 to 9007199254740991, got -1; using 300000'],
  ] as [Partial<OtlpLogRowSinkOptions>, string][])('warns with the name, the range and the default taken for %j', (options, warning) => {
    const logger = captureDiag(DiagLogLevel.WARN);
    sinkWith(options);
    expect(logger.lines).toEqual([`OtlpLogRowSink ${warning}`]);
  });

  it('takes the default, with a warning, for a number given as a string', () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const sink = sinkWith({ maxQueueSize: '100' as unknown as number });
    expect(sink.maxQueueSize).toBe(16_384);
    expect(logger.lines).toEqual(['OtlpLogRowSink maxQueueSize must be a number from 1 to 9007199254740991, got 100; using 16384']);
  });

  it('accepts the bounds of a range without a warning', () => {
    const logger = captureDiag(DiagLogLevel.WARN);
    const sink = sinkWith({ maxQueueSize: 1, attemptTimeoutMillis: LONGEST_TIMER_MILLIS });
    expect([sink.maxQueueSize, sink.attemptTimeoutMillis]).toEqual([1, LONGEST_TIMER_MILLIS]);
    expect(logger.lines).toEqual([]);
  });

  it('lets the processor wait for a batch as long as its rows may be retried, one more attempt and a second', () => {
    const sink = sinkWith({ attemptTimeoutMillis: 500, retry: { maxElapsedTimeMillis: 2_000 } });
    expect(sink.exportTimeoutMillis).toBe(3_500);
  });

  it('caps that wait at the longest delay a timer honours', () => {
    const sink = sinkWith({ retry: { maxElapsedTimeMillis: 2 ** 40 } });
    expect(sink.exportTimeoutMillis).toBe(LONGEST_TIMER_MILLIS);
  });
});
