/*
 * Measurements from finished review rows. Instruments are created once and
 * attribute sets are cached by their values, so recording allocates nothing
 * once the closed value sets have been seen.
 */
import type {
  Attributes,
  Histogram,
  MeterProvider,
} from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
} from '../semconv/attributes.js';
import {
  DROP_REASONS,
  type DropReason,
  METRIC_ATTR_DROP_REASON,
  METRIC_ATTR_GEN_AI_TOKEN_TYPE,
  METRIC_ATTR_GUARDIAN_DECISION,
  METRIC_ATTR_GUARDIAN_FAILURE_KIND,
  METRIC_ATTR_GUARDIAN_RISK_LEVEL,
  METRIC_ATTR_GUARDIAN_SESSION_KIND,
  METRIC_ATTR_GUARDIAN_TERMINAL_STATUS,
  METRIC_ATTR_GUARDIAN_TRIGGER,
  METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME,
  METRIC_ATTR_ITEM_KIND,
  METRIC_ATTR_ITEM_TERMINAL_STATUS,
  METRIC_ATTR_REVIEW_RESOLUTION,
  METRIC_ATTR_REVIEW_STATUS,
  METRIC_ATTR_REVIEW_TRIGGER,
  METRIC_ATTR_REVIEWER,
  METRIC_ATTR_ROW_EVENT_TYPE,
  METRIC_ATTR_SPAN_TYPE,
  METRIC_ATTR_STATE_KIND,
  METRIC_ATTR_SUBJECT_KIND,
  METRIC_ATTR_TOKEN_TYPE,
  METRIC_ATTR_TOOL_CALL_KIND,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GUARDIAN_REVIEW_DURATION,
  METRIC_GUARDIAN_REVIEWS,
  METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN,
  METRIC_GUARDIAN_TOKEN_USAGE,
  METRIC_GUARDIAN_TOOL_CALLS,
  METRIC_PROCESSOR_ROWS,
  METRIC_PROCESSOR_ROWS_DROPPED,
  METRIC_PROCESSOR_ROWS_WRITTEN,
  METRIC_PROCESSOR_SPANS,
  METRIC_PROCESSOR_STATE_EVICTED,
  METRIC_REVIEW_DURATION,
  METRIC_REVIEWS,
  METRIC_TOOL_ITEMS,
  METRIC_VALUE_NONE,
  SPAN_TYPES,
  type SpanType,
  STATE_KINDS,
  type StateKind,
} from '../semconv/metrics.js';
import { GUARDIAN_AGENT_NAME, OPERATION_INVOKE_AGENT } from '../semconv/spans.js';
import { GUARDIAN_TOOL_CALL_KINDS } from '../semconv/values.js';
import { SCOPE_NAME, VERSION } from '../version.js';
import { CumulativeCounter } from './CumulativeCounter.js';
import {
  type CodexReviewEventParams,
  type CodexToolItemEventParams,
  GUARDIAN_REVIEW_EVENT_TYPE,
  type GuardianReviewEventParams,
  REVIEW_EVENT_TYPE,
  type ReviewRow,
  TOOL_ITEM_EVENT_TYPES,
} from './rows.js';

/** The GenAI conventions' boundaries for operation latencies, in seconds. */
export const GEN_AI_DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
  81.92,
];
/** Reviews can wait on a person: the same doubling series up to ~22 min. */
export const REVIEW_DURATION_BUCKETS = [
  ...GEN_AI_DURATION_BUCKETS,
  163.84, 327.68, 655.36, 1310.72,
];
/** The GenAI conventions' boundaries for token counts. */
export const GEN_AI_TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
  67108864,
];

type Value = string | null;

/** One level of the attribute-set cache: the sets below it, by the next value. */
class SetNode {
  readonly next = new Map<Value, SetNode>();
  attributes: Attributes | undefined;
}

const NO_ATTRIBUTES: Attributes = {};

/** What every new set becomes once the cache is full, as in the SDK's own cardinality limit. */
export const OVERFLOW_ATTRIBUTES: Attributes = { 'otel.metric.overflow': true };

/**
 * Sets per tree: with the overflow set, one instrument's series stay within
 * the SDK's default cardinality limit (2000), past which it loses values.
 */
const MAX_SETS_PER_TREE = 1999;

/**
 * Attribute sets by their values, one tree level per value, so a hit costs a
 * few Map lookups on strings the spans already carry, and no key string or
 * closure is built (the string keys this replaced were a top self-time entry
 * in the benchmark profile). Each set of values has one object, which the
 * processor-side counters use as their key. Bounded because model names are
 * open: once full, new sets fold into OVERFLOW_ATTRIBUTES.
 */
class AttributeSets {
  readonly root = new SetNode();
  private _size = 0;
  private readonly _overflow = new SetNode();

  constructor() {
    this._overflow.attributes = OVERFLOW_ATTRIBUTES;
  }

  /**
   * The node for these values, one tree level each (positional parameters,
   * so a lookup allocates nothing); `undefined` ends the path.
   */
  node(a: Value, b?: Value, c?: Value, d?: Value, e?: Value, f?: Value, g?: Value): SetNode {
    let node = this._at(this.root, a);
    if (b !== undefined) node = this._at(node, b);
    if (c !== undefined) node = this._at(node, c);
    if (d !== undefined) node = this._at(node, d);
    if (e !== undefined) node = this._at(node, e);
    if (f !== undefined) node = this._at(node, f);
    if (g !== undefined) node = this._at(node, g);
    return node;
  }

  private _at(node: SetNode, value: Value): SetNode {
    let next = node.next.get(value);
    if (next === undefined) {
      if (this._size >= MAX_SETS_PER_TREE) return this._overflow;
      next = new SetNode();
      node.next.set(value, next);
    }
    return next;
  }

  /** Keeps `attributes` as the set at `node` while there is room. */
  keep(node: SetNode, attributes: Attributes): Attributes {
    if (this._size >= MAX_SETS_PER_TREE) return OVERFLOW_ATTRIBUTES;
    node.attributes = attributes;
    this._size++;
    return attributes;
  }
}

function byValue<T extends string>(values: readonly T[], key: string): Record<T, Attributes> {
  const sets = {} as Record<T, Attributes>;
  for (const value of values) sets[value] = { [key]: value };
  return sets;
}

/** Token types, their row field, and whether the GenAI convention has the type too. */
const TOKEN_TYPES = [
  ['input', 'input_tokens', true],
  ['cached_input', 'cached_input_tokens', false],
  ['output', 'output_tokens', true],
  ['reasoning_output', 'reasoning_output_tokens', false],
] as const;

export class ReviewMetrics {
  private readonly _reviews: CumulativeCounter;
  private readonly _reviewDuration: Histogram;
  private readonly _guardianReviews: CumulativeCounter;
  private readonly _guardianDuration: Histogram;
  private readonly _guardianTtft: Histogram;
  private readonly _guardianTokens: Histogram;
  private readonly _guardianToolCalls: CumulativeCounter;
  private readonly _genAiTokens: Histogram;
  private readonly _genAiDuration: Histogram;
  private readonly _genAiTtfc: Histogram;
  private readonly _toolItems: CumulativeCounter;
  private readonly _spans: CumulativeCounter;
  private readonly _rows: CumulativeCounter;
  private readonly _rowsWritten: CumulativeCounter;
  private readonly _rowsDropped: CumulativeCounter;
  private readonly _stateEvicted: CumulativeCounter;
  private readonly _reviewSets = new AttributeSets();
  private readonly _guardianSets = new AttributeSets();
  private readonly _tokenSets = new AttributeSets();
  private readonly _genAiSets = new AttributeSets();
  private readonly _toolItemSets = new AttributeSets();
  private readonly _spanTypeSets = byValue(SPAN_TYPES, METRIC_ATTR_SPAN_TYPE);
  private readonly _dropSets = byValue(DROP_REASONS, METRIC_ATTR_DROP_REASON);
  private readonly _stateSets = byValue(STATE_KINDS, METRIC_ATTR_STATE_KIND);
  private readonly _toolCallSets = byValue(GUARDIAN_TOOL_CALL_KINDS, METRIC_ATTR_TOOL_CALL_KIND);
  private readonly _rowTypeSets = byValue(
    [GUARDIAN_REVIEW_EVENT_TYPE, REVIEW_EVENT_TYPE, ...Object.values(TOOL_ITEM_EVENT_TYPES)],
    METRIC_ATTR_ROW_EVENT_TYPE
  );

  constructor(meterProvider: MeterProvider) {
    const meter = meterProvider.getMeter(SCOPE_NAME, VERSION);
    const seconds = (name: string, description: string, buckets: number[]) =>
      meter.createHistogram(name, {
        unit: 's',
        description,
        advice: { explicitBucketBoundaries: buckets },
      });
    const counter = (name: string, unit: string, description: string) =>
      new CumulativeCounter(meter, name, { unit, description });
    const tokens = (name: string, description: string) =>
      meter.createHistogram(name, {
        unit: '{token}',
        description,
        advice: { explicitBucketBoundaries: GEN_AI_TOKEN_BUCKETS },
      });
    this._reviews = counter(METRIC_REVIEWS, '{review}', 'Finished reviews of agent actions, by user or guardian.');
    this._reviewDuration = seconds(
      METRIC_REVIEW_DURATION,
      'Time from the review request to its decision.',
      REVIEW_DURATION_BUCKETS
    );
    this._guardianReviews = counter(METRIC_GUARDIAN_REVIEWS, '{review}', 'Finished guardian reviews, by decision and terminal status.');
    this._guardianDuration = seconds(
      METRIC_GUARDIAN_REVIEW_DURATION,
      'Guardian review completion latency.',
      GEN_AI_DURATION_BUCKETS
    );
    this._guardianTtft = seconds(
      METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN,
      "Time from the guardian review's start to the guardian's first token.",
      GEN_AI_DURATION_BUCKETS
    );
    this._guardianTokens = tokens(
      METRIC_GUARDIAN_TOKEN_USAGE,
      'Tokens used by one guardian review session, by token type.'
    );
    this._guardianToolCalls = counter(METRIC_GUARDIAN_TOOL_CALLS, '{call}', "Tool calls made by the guardian's review sessions.");
    this._genAiTokens = tokens(
      METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
      'GenAI convention: tokens used by the guardian agent invocation.'
    );
    this._genAiDuration = seconds(
      METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
      'GenAI convention: duration of the guardian agent invocation.',
      GEN_AI_DURATION_BUCKETS
    );
    this._genAiTtfc = seconds(
      METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK,
      'GenAI convention: time to the first chunk of the guardian response.',
      GEN_AI_DURATION_BUCKETS
    );
    this._toolItems = counter(METRIC_TOOL_ITEMS, '{item}', 'Finished tool items, by final approval outcome.');
    this._spans = counter(METRIC_PROCESSOR_SPANS, '{span}', 'Review and tool item spans the processor read.');
    this._rows = counter(METRIC_PROCESSOR_ROWS, '{row}', 'Analytics rows the processor produced.');
    this._rowsWritten = counter(METRIC_PROCESSOR_ROWS_WRITTEN, '{row}', 'Rows a row sink accepted.');
    this._rowsDropped = counter(METRIC_PROCESSOR_ROWS_DROPPED, '{row}', 'Rows not produced or not written, by reason.');
    this._stateEvicted = counter(METRIC_PROCESSOR_STATE_EVICTED, '{entry}', 'Entries evicted from the bounded processor state.');
    // Zero series up front, so "no drops" charts as 0 rather than no data.
    for (const reason of DROP_REASONS) this._rowsDropped.add(0, this._dropSets[reason]);
    for (const kind of STATE_KINDS) this._stateEvicted.add(0, this._stateSets[kind]);
  }

  recordReview(row: CodexReviewEventParams): void {
    const sets = this._reviewSets;
    const node = sets.node(row.reviewer, row.subject_kind, row.status, row.resolution, row.trigger);
    const attributes =
      node.attributes ??
      sets.keep(node, {
        [METRIC_ATTR_REVIEWER]: row.reviewer,
        [METRIC_ATTR_SUBJECT_KIND]: row.subject_kind,
        [METRIC_ATTR_REVIEW_STATUS]: row.status,
        [METRIC_ATTR_REVIEW_RESOLUTION]: row.resolution,
        [METRIC_ATTR_REVIEW_TRIGGER]: row.trigger,
      });
    this._reviews.add(1, attributes);
    if (row.duration_ms !== null) {
      this._reviewDuration.record(row.duration_ms / 1000, attributes);
    }
  }

  recordGuardianReview(row: GuardianReviewEventParams, providerName: string | null): void {
    const model = row.guardian_model ?? METRIC_VALUE_NONE;
    const sets = this._guardianSets;
    const node = sets.node(
      row.decision,
      row.terminal_status,
      row.failure_kind,
      row.guardian_session_kind,
      row.risk_level,
      row.trigger,
      model
    );
    const attributes =
      node.attributes ??
      sets.keep(node, {
        [METRIC_ATTR_GUARDIAN_DECISION]: row.decision,
        [METRIC_ATTR_GUARDIAN_TERMINAL_STATUS]: row.terminal_status,
        [METRIC_ATTR_GUARDIAN_FAILURE_KIND]: row.failure_kind ?? METRIC_VALUE_NONE,
        [METRIC_ATTR_GUARDIAN_SESSION_KIND]: row.guardian_session_kind ?? METRIC_VALUE_NONE,
        [METRIC_ATTR_GUARDIAN_RISK_LEVEL]: row.risk_level ?? METRIC_VALUE_NONE,
        [METRIC_ATTR_GUARDIAN_TRIGGER]: row.trigger ?? METRIC_VALUE_NONE,
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
      });
    this._guardianReviews.add(1, attributes);
    const errorType = row.terminal_status === 'failed_closed' ? row.failure_kind : null;
    const genAi = this._genAiAttributes(providerName, row.guardian_model, ATTR_ERROR_TYPE, errorType);
    if (row.guardian_completion_latency_ms !== null) {
      const seconds = row.guardian_completion_latency_ms / 1000;
      this._guardianDuration.record(seconds, attributes);
      this._genAiDuration.record(seconds, genAi);
    }
    if (row.guardian_time_to_first_token_ms !== null) {
      const seconds = row.guardian_time_to_first_token_ms / 1000;
      this._guardianTtft.record(seconds, attributes);
      this._genAiTtfc.record(seconds, genAi);
    }
    const tokenSets = this._tokenSets;
    for (const [type, field, conventional] of TOKEN_TYPES) {
      const value = row[field];
      if (value === null) continue;
      const typed = tokenSets.node(model, type);
      this._guardianTokens.record(
        value,
        typed.attributes ??
          tokenSets.keep(typed, {
            [METRIC_ATTR_TOKEN_TYPE]: type,
            [ATTR_GEN_AI_REQUEST_MODEL]: model,
          })
      );
      if (conventional) {
        this._genAiTokens.record(
          value,
          this._genAiAttributes(providerName, row.guardian_model, METRIC_ATTR_GEN_AI_TOKEN_TYPE, type)
        );
      }
    }
    const counts = row.guardian_tool_call_counts;
    for (const kind of GUARDIAN_TOOL_CALL_KINDS) {
      if (counts[kind] > 0) this._guardianToolCalls.add(counts[kind], this._toolCallSets[kind]);
    }
  }

  /** The GenAI convention's attributes, plus one of ours when it has a value. */
  private _genAiAttributes(
    providerName: string | null,
    model: string | null,
    key: string,
    value: string | null
  ): Attributes {
    const sets = this._genAiSets;
    const node = sets.node(providerName, model, key, value);
    if (node.attributes !== undefined) return node.attributes;
    const set: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_INVOKE_AGENT,
      [ATTR_GEN_AI_AGENT_NAME]: GUARDIAN_AGENT_NAME,
    };
    if (providerName !== null) set[ATTR_GEN_AI_PROVIDER_NAME] = providerName;
    if (model !== null) set[ATTR_GEN_AI_REQUEST_MODEL] = model;
    if (value !== null) set[key] = value;
    return sets.keep(node, set);
  }

  recordToolItem(row: CodexToolItemEventParams, kind: string): void {
    const sets = this._toolItemSets;
    const node = sets.node(kind, row.terminal_status, row.final_approval_outcome);
    this._toolItems.add(
      1,
      node.attributes ??
        sets.keep(node, {
          [METRIC_ATTR_ITEM_KIND]: kind,
          [METRIC_ATTR_ITEM_TERMINAL_STATUS]: row.terminal_status,
          [METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME]: row.final_approval_outcome,
        })
    );
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

const METRICS_BY_PROVIDER = new WeakMap<MeterProvider, ReviewMetrics>();

/**
 * One ReviewMetrics per MeterProvider: processors that share a provider add
 * to the same sums, as they would with synchronous counters, instead of each
 * registering a callback that reports its own sums for the same series.
 */
export function reviewMetricsFor(meterProvider: MeterProvider): ReviewMetrics {
  let reviewMetrics = METRICS_BY_PROVIDER.get(meterProvider);
  if (reviewMetrics === undefined) {
    reviewMetrics = new ReviewMetrics(meterProvider);
    METRICS_BY_PROVIDER.set(meterProvider, reviewMetrics);
  }
  return reviewMetrics;
}
