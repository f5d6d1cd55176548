/*
 * Exponential backoff with jitter, with the settings and defaults of the
 * OpenTelemetry Collector's `retry_on_failure` (exporterhelper): the wait
 * after the n-th failed attempt is initialInterval * multiplier^(n-1),
 * capped at maxInterval, spread by +/- randomizationFactor; a row is given
 * up once maxElapsedTime has passed since it was handed over.
 */
import { diag, type DiagLogger } from '@opentelemetry/api';
import { MAX_TIMER_MILLIS } from '../rows/RowSink.js';
import { numberOption } from './numberOption.js';

/** When a failed export is tried again, as the Collector's `retry_on_failure`. */
export interface RetryOptions {
  /** Wait after the first failed attempt, in ms. Default: 5000. */
  initialIntervalMillis?: number;
  /** Upper bound of one wait before jitter, in ms. Default: 30000. */
  maxIntervalMillis?: number;
  /** Growth of the wait per failed attempt. Default: 1.5. */
  multiplier?: number;
  /** Each wait is spread uniformly by this fraction either way. Default: 0.5. */
  randomizationFactor?: number;
  /** A row still unsent this long after it was handed over is dropped, in ms. Default: 300000. */
  maxElapsedTimeMillis?: number;
}

export class RetryPolicy {
  readonly initialIntervalMillis: number;
  readonly maxIntervalMillis: number;
  readonly multiplier: number;
  readonly randomizationFactor: number;
  readonly maxElapsedTimeMillis: number;

  constructor(options: RetryOptions = {}, logger: DiagLogger = diag) {
    const option = (name: keyof RetryOptions, fallback: number, min: number, max?: number) =>
      numberOption(logger, `retry.${name}`, options[name], fallback, min, max);
    this.initialIntervalMillis = option('initialIntervalMillis', 5_000, 0, MAX_TIMER_MILLIS);
    this.maxIntervalMillis = option('maxIntervalMillis', 30_000, 0, MAX_TIMER_MILLIS);
    this.multiplier = option('multiplier', 1.5, 1);
    this.randomizationFactor = option('randomizationFactor', 0.5, 0, 1);
    this.maxElapsedTimeMillis = option('maxElapsedTimeMillis', 300_000, 0);
  }

  /**
   * The wait after `failures` failed attempts (1 = after the first), for a
   * `random` number in [0, 1): 0 gives the shortest wait, near 1 the longest.
   */
  delayMillis(failures: number, random: number = Math.random()): number {
    const base = Math.min(
      this.initialIntervalMillis * this.multiplier ** (failures - 1),
      this.maxIntervalMillis
    );
    const spread = base * (1 - this.randomizationFactor + 2 * this.randomizationFactor * random);
    return Math.min(spread, MAX_TIMER_MILLIS);
  }
}
