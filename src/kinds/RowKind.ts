/*
 * A kind of span the processor turns into rows, as one object: which spans
 * it recognises, how it maps them, how many rows a span yields, how it joins
 * the reviews waiting for tool items, what it records in metrics, and when
 * its rows completed. A new kind is one file and one line in rowKinds.ts.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ReviewMetrics } from '../metrics/ReviewMetrics.js';
import type { ContentRule } from '../rules/contentRule.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import type { SpanType } from '../semconv/metrics.js';
import type { ItemReviewSummaries } from './ItemReviewSummaries.js';

/**
 * What every mapping carries for the processor: the key of its row set, one
 * per key however often its span arrives, as two strings the mapping holds
 * (no joined key string per span).
 */
export interface Mapping {
  rowScope: string;
  rowId: string;
}

export interface RowKind<M extends Mapping = Mapping> {
  /** `agent_review.span.type` of the processor's metrics. */
  readonly spanType: SpanType;
  /** The `event_type`s of its rows. */
  readonly eventTypes: readonly ReviewRow['event_type'][];
  /** Rows one span yields: what a dropped span costs. */
  readonly rowsPerSpan: number;
  recognises(attributes: Attributes): boolean;
  /** Null when the span ended without an outcome. Throws MalformedSpanError. Content as `content` lets it. */
  map(span: ReadableSpan, content: ContentRule): M | null;
  /** Joins the mapping with the reviews waiting for their tool items. */
  join(mapping: M, items: ItemReviewSummaries): void;
  rows(mapping: M): readonly ReviewRow[];
  record(mapping: M, metrics: ReviewMetrics): void;
  /** Epoch milliseconds at which the row's review or item completed. */
  completedAtMillis(row: ReviewRow): number;
}
