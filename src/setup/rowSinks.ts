/*
 * Where setup sends rows: the caller's sinks, a JSONL file, and, with
 * `rowsAsOtlpLogs`, one log record sink per exporter OTEL_LOGS_EXPORTER
 * names (otlp by default, console; none sends no rows as logs).
 */
import { diag } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { ConsoleLogRecordExporter } from '@opentelemetry/sdk-logs';
import type { RowSink } from '../rows/RowSink.js';
import { JsonlFileRowSink } from '../sinks/JsonlFileRowSink.js';
import { OtlpLogRowSink } from '../sinks/OtlpLogRowSink.js';
import { exporterNames, warnUnsupportedExporter } from './envSettings.js';
import { otlpLogExporter } from './otlpExporters.js';

export interface RowSinkOptions {
  /** Extra row sinks (e.g. an InMemoryRowSink). */
  rowSinks?: RowSink[];
  /** Write rows to this JSONL file. Default: no file. */
  rowsFile?: string;
  /** Empty the rows file first. Default: false (append). */
  truncateRowsFile?: boolean;
  /** Also send rows as log records to OTEL_LOGS_EXPORTER's exporters (OTLP by default). Default: false. */
  rowsAsOtlpLogs?: boolean;
  /** See ReviewTelemetryOptions.otlpEndpoint. */
  otlpEndpoint?: string;
}

function logSinks(options: RowSinkOptions, resource: Resource): RowSink[] {
  const names = exporterNames('logs', options.otlpEndpoint !== undefined);
  if (names.length === 0) diag.warn('agent-review-telemetry: rowsAsOtlpLogs is on, but no logs exporter is configured (no OTLP endpoint, or OTEL_LOGS_EXPORTER=none): no rows go out as logs');
  return names.flatMap(name => {
    // Rows are batched by their sink and exported as they are, so the
    // exporter's failures are counted on agent_review.processor.rows.dropped.
    if (name === 'otlp') return [new OtlpLogRowSink({ exporter: otlpLogExporter(options.otlpEndpoint), resource })];
    if (name === 'console') return [new OtlpLogRowSink({ exporter: new ConsoleLogRecordExporter(), resource })];
    warnUnsupportedExporter('logs', name, ['otlp', 'console']);
    return [];
  });
}

export function createRowSinks(options: RowSinkOptions, resource: Resource): RowSink[] {
  const sinks: RowSink[] = [...(options.rowSinks ?? [])];
  if (options.rowsFile) {
    sinks.push(new JsonlFileRowSink({ path: options.rowsFile, truncate: options.truncateRowsFile }));
  }
  if (options.rowsAsOtlpLogs === true) sinks.push(...logSinks(options, resource));
  return sinks;
}
