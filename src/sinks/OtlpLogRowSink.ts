/*
 * Sends rows as OpenTelemetry log records through a LogRecordExporter (e.g.
 * the OTLP/HTTP one), so they travel with the traces and metrics:
 * event name = `event_type`, body = `event_params` as a structured map (a
 * null field becomes an empty value), timestamp = the review or item's
 * completion time, resource = the caller's. Each processor batch is one
 * export, and the exporter's result comes back to the processor, so a failed
 * export is counted as `sink_failure` instead of being lost in a queue.
 */
import { type AnyValueMap, SeverityNumber } from '@opentelemetry/api-logs';
import { type ExportResult, hrTime, millisToHrTime } from '@opentelemetry/core';
import { rowCompletedAtMillis } from '../kinds/rowKinds.js';
import { emptyResource, type Resource } from '@opentelemetry/resources';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';
import type { RowSink } from '../rows/RowSink.js';

export interface OtlpLogRowSinkOptions {
  /** Where the log records go, e.g. `new OTLPLogExporter()`. */
  exporter: LogRecordExporter;
  /** The resource the records carry (service.name, …). Default: empty. */
  resource?: Resource;
}

const SCOPE = { name: SCOPE_NAME, version: VERSION };

export class OtlpLogRowSink implements RowSink {
  private readonly _exporter: LogRecordExporter;
  private readonly _resource: Resource;

  constructor(options: OtlpLogRowSinkOptions) {
    this._exporter = options.exporter;
    this._resource = options.resource ?? emptyResource();
  }

  export(rows: ReviewRow[], resultCallback: (result: ExportResult) => void): void {
    const observed = hrTime();
    const records: ReadableLogRecord[] = rows.map(row => {
      return {
        hrTime: millisToHrTime(rowCompletedAtMillis(row)),
        hrTimeObserved: observed,
        eventName: row.event_type,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: row.event_params as unknown as AnyValueMap,
        resource: this._resource,
        instrumentationScope: SCOPE,
        attributes: {},
        droppedAttributesCount: 0,
      };
    });
    this._exporter.export(records, resultCallback);
  }

  forceFlush(): Promise<void> {
    return this._exporter.forceFlush();
  }

  shutdown(): Promise<void> {
    return this._exporter.shutdown();
  }
}
