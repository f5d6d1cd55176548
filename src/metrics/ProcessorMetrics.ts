/*
 * The processor's own health: spans read, rows produced, written and
 * dropped by reason, and evictions from its bounded state. Kept apart from
 * the review metrics, as sdk-trace keeps its span processor metrics apart.
 */
import type { Attributes, Meter } from '@opentelemetry/api';
import {
  DROP_REASONS,
  type DropReason,
  METRIC_ATTR_DROP_REASON,
  METRIC_ATTR_ROW_EVENT_TYPE,
  METRIC_ATTR_SPAN_TYPE,
  METRIC_ATTR_STATE_KIND,
  METRIC_PROCESSOR_ROWS,
  METRIC_PROCESSOR_ROWS_DROPPED,
  METRIC_PROCESSOR_ROWS_WRITTEN,
  METRIC_PROCESSOR_SPANS,
  METRIC_PROCESSOR_STATE_EVICTED,
  SPAN_TYPES,
  type SpanType,
  STATE_KINDS,
  type StateKind,
} from '../semconv/metrics.js';
import { GUARDIAN_REVIEW_EVENT_TYPE } from '../rows/guardianReviewRow.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { REVIEW_EVENT_TYPE } from '../rows/reviewEventRow.js';
import { TOOL_ITEM_EVENT_TYPES } from '../rows/toolItemRows.js';
import { byValue } from './AttributeSets.js';
import { CumulativeCounter } from './CumulativeCounter.js';

const NO_ATTRIBUTES: Attributes = {};

export class ProcessorMetrics {
  private readonly _spans: CumulativeCounter;
  private readonly _rows: CumulativeCounter;
  private readonly _rowsWritten: CumulativeCounter;
  private readonly _rowsDropped: CumulativeCounter;
  private readonly _stateEvicted: CumulativeCounter;
  private readonly _spanTypeSets = byValue(SPAN_TYPES, METRIC_ATTR_SPAN_TYPE);
  private readonly _dropSets = byValue(DROP_REASONS, METRIC_ATTR_DROP_REASON);
  private readonly _stateSets = byValue(STATE_KINDS, METRIC_ATTR_STATE_KIND);
  private readonly _rowTypeSets = byValue(
    [GUARDIAN_REVIEW_EVENT_TYPE, REVIEW_EVENT_TYPE, ...Object.values(TOOL_ITEM_EVENT_TYPES)],
    METRIC_ATTR_ROW_EVENT_TYPE
  );

  /** `collected` is called each time a reader of the meter's provider collects. */
  constructor(meter: Meter, collected?: () => void) {
    const counter = (name: string, unit: string, description: string) =>
      new CumulativeCounter(meter, name, { unit, description });
    this._spans = new CumulativeCounter(
      meter,
      METRIC_PROCESSOR_SPANS,
      { unit: '{span}', description: 'Review and tool item spans the processor read.' },
      collected
    );
    this._rows = counter(METRIC_PROCESSOR_ROWS, '{row}', 'Analytics rows the processor produced.');
    this._rowsWritten = counter(METRIC_PROCESSOR_ROWS_WRITTEN, '{row}', 'Rows a row sink accepted.');
    this._rowsDropped = counter(METRIC_PROCESSOR_ROWS_DROPPED, '{row}', 'Rows not produced or not written, by reason.');
    this._stateEvicted = counter(METRIC_PROCESSOR_STATE_EVICTED, '{entry}', 'Entries evicted from the bounded processor state.');
    // Zero series up front, so "no drops" charts as 0 rather than no data.
    for (const reason of DROP_REASONS) this._rowsDropped.add(0, this._dropSets[reason]);
    for (const kind of STATE_KINDS) this._stateEvicted.add(0, this._stateSets[kind]);
  }

  spanRead(type: SpanType): void {
    this._spans.add(1, this._spanTypeSets[type]);
  }

  rowProduced(eventType: ReviewRow['event_type']): void {
    this._rows.add(1, this._rowTypeSets[eventType]);
  }

  rowsWritten(count: number): void {
    this._rowsWritten.add(count, NO_ATTRIBUTES);
  }

  rowsDropped(reason: DropReason, count: number): void {
    this._rowsDropped.add(count, this._dropSets[reason]);
  }

  stateEvicted(kind: StateKind): void {
    this._stateEvicted.add(1, this._stateSets[kind]);
  }
}
