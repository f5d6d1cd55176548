/*
 * Emits rows as OpenTelemetry log records, so they travel over OTLP with the
 * traces and metrics: event name = `event_type`, body = `event_params` as a
 * structured map (a null field becomes an empty value), timestamp = the
 * review or item's completion time. The LoggerProvider's own processor
 * batches and exports them, and logs its export failures through diag.
 */
import { type AnyValueMap, type LoggerProvider, logs, SeverityNumber } from '@opentelemetry/api-logs';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReviewRow } from '../processor/rows.js';
import { SCOPE_NAME, VERSION } from '../version.js';
import type { RowSink } from './RowSink.js';

export interface OtlpLogRowSinkOptions {
  /** Default: the global LoggerProvider. */
  loggerProvider?: LoggerProvider;
}

/** Epoch ms of the row's completion, from the row itself. */
function completedAtMillis(row: ReviewRow): number | undefined {
  const params = row.event_params as unknown as Record<string, unknown>;
  const millis = params.completed_at_ms;
  if (typeof millis === 'number') return millis;
  const seconds = params.completed_at;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}

export class OtlpLogRowSink implements RowSink {
  private readonly _provider: LoggerProvider;
  private readonly _logger;

  constructor(options: OtlpLogRowSinkOptions = {}) {
    this._provider = options.loggerProvider ?? logs.getLoggerProvider();
    this._logger = this._provider.getLogger(SCOPE_NAME, VERSION);
  }

  export(rows: ReviewRow[], resultCallback: (result: ExportResult) => void): void {
    for (const row of rows) {
      this._logger.emit({
        eventName: row.event_type,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        timestamp: completedAtMillis(row),
        body: row.event_params as unknown as AnyValueMap,
      });
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Flushes the provider when it is an SDK provider. */
  forceFlush(): Promise<void> {
    const provider = this._provider as Partial<{ forceFlush(): Promise<void> }>;
    return provider.forceFlush ? provider.forceFlush() : Promise.resolve();
  }

  /** The provider belongs to the caller: flushed here, shut down by its owner. */
  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
