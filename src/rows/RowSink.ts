/*
 * Where analytics rows go. Shaped like an OTel exporter: the processor
 * batches rows and hands each batch over once, and the sink reports the
 * outcome through the callback so failed rows are counted, never lost
 * silently. A sink must not throw from `export`.
 */
import type { ExportResult } from '@opentelemetry/core';
import type { ReviewRow } from './ReviewRow.js';

export interface RowSink {
  export(rows: ReviewRow[], resultCallback: (result: ExportResult) => void): void;
  /** Writes out anything the sink still buffers. */
  forceFlush?(): Promise<void>;
  /** Flushes and releases the sink; later exports fail. */
  shutdown(): Promise<void>;
}
