/*
 * Measurements of reviews, guardian sessions and tool items, taken from
 * their rows, into the SDK's instruments or the processor's own aggregation
 * (Instruments.ts). Attribute sets are cached by their values, so recording
 * allocates nothing once the closed value sets have been seen.
 */
import type { Attributes } from '@opentelemetry/api';
import type { GuardianReviewEventParams } from '../rows/guardianReviewRow.js';
import type { CodexReviewEventParams } from '../rows/reviewEventRow.js';
import type { CodexToolItemEventParams } from '../rows/toolItemRows.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
} from '../semconv/attributes.js';
import {
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
  METRIC_REVIEW_DURATION,
  METRIC_REVIEWS,
  METRIC_TOOL_ITEMS,
  METRIC_VALUE_NONE,
} from '../semconv/metrics.js';
import { GUARDIAN_AGENT_NAME, OPERATION_INVOKE_AGENT } from '../semconv/spans.js';
import { GUARDIAN_TOOL_CALL_KINDS, type ToolItemKind } from '../semconv/values.js';
import { AttributeSets, byValue } from './AttributeSets.js';
import { GEN_AI_DURATION_BUCKETS, GEN_AI_TOKEN_BUCKETS, REVIEW_DURATION_BUCKETS } from './buckets.js';
import type { Adder, Instruments, Recorder } from './Instruments.js';

/** Token types, their row field, and whether the GenAI convention has the type too. */
const TOKEN_TYPES = [
  ['input', 'input_tokens', true],
  ['cached_input', 'cached_input_tokens', false],
  ['output', 'output_tokens', true],
  ['reasoning_output', 'reasoning_output_tokens', false],
] as const;

/**
 * The attribute sets of one guardian (provider, model) pair, made as they
 * are first needed: the last pair's are kept, since reviews mostly repeat it,
 * which spares the token records' tree lookups. A set never changes once
 * looked up (the trees only grow), so a kept one is what a lookup would give.
 */
class ModelSets {
  /** By index in TOKEN_TYPES. */
  readonly tokens: (Attributes | undefined)[] = [];
  readonly genAiTokens: (Attributes | undefined)[] = [];
  /** The GenAI set of a review without an error type. */
  genAiWithoutError: Attributes | undefined;

  constructor(
    readonly providerName: string | null,
    readonly model: string | null
  ) {}
}

export class ReviewMetrics {
  private readonly _reviews: Adder;
  private readonly _reviewDuration: Recorder;
  private readonly _guardianReviews: Adder;
  private readonly _guardianDuration: Recorder;
  private readonly _guardianTtft: Recorder;
  private readonly _guardianTokens: Recorder;
  private readonly _guardianToolCalls: Adder;
  private readonly _genAiTokens: Recorder;
  private readonly _genAiDuration: Recorder;
  private readonly _genAiTtfc: Recorder;
  private readonly _toolItems: Adder;
  private readonly _reviewSets = new AttributeSets();
  private readonly _guardianSets = new AttributeSets();
  private readonly _tokenSets = new AttributeSets();
  private readonly _genAiSets = new AttributeSets();
  private readonly _toolItemSets = new AttributeSets();
  private readonly _toolCallSets = byValue(GUARDIAN_TOOL_CALL_KINDS, METRIC_ATTR_TOOL_CALL_KIND);
  private _modelSets = new ModelSets(null, null);

  constructor(instruments: Instruments) {
    const counter = instruments.counter.bind(instruments);
    const seconds = (name: string, description: string, buckets: readonly number[]) =>
      instruments.histogram(name, 's', description, buckets);
    const tokens = (name: string, description: string) =>
      instruments.histogram(name, '{token}', description, GEN_AI_TOKEN_BUCKETS);
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
    const modelSets = this._modelSetsOf(providerName, row.guardian_model);
    const genAi =
      errorType === null
        ? (modelSets.genAiWithoutError ??= this._genAiAttributes(providerName, row.guardian_model, ATTR_ERROR_TYPE, null))
        : this._genAiAttributes(providerName, row.guardian_model, ATTR_ERROR_TYPE, errorType);
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
    for (let i = 0; i < TOKEN_TYPES.length; i++) {
      const [type, field, conventional] = TOKEN_TYPES[i] as (typeof TOKEN_TYPES)[number];
      const value = row[field];
      if (value === null) continue;
      this._guardianTokens.record(value, (modelSets.tokens[i] ??= this._tokenAttributes(model, type)));
      if (conventional) {
        this._genAiTokens.record(
          value,
          (modelSets.genAiTokens[i] ??= this._genAiAttributes(
            providerName,
            row.guardian_model,
            METRIC_ATTR_GEN_AI_TOKEN_TYPE,
            type
          ))
        );
      }
    }
    const counts = row.guardian_tool_call_counts;
    for (const kind of GUARDIAN_TOOL_CALL_KINDS) {
      if (counts[kind] > 0) this._guardianToolCalls.add(counts[kind], this._toolCallSets[kind]);
    }
  }

  private _modelSetsOf(providerName: string | null, model: string | null): ModelSets {
    const kept = this._modelSets;
    if (kept.providerName === providerName && kept.model === model) return kept;
    this._modelSets = new ModelSets(providerName, model);
    return this._modelSets;
  }

  private _tokenAttributes(model: string, type: string): Attributes {
    const sets = this._tokenSets;
    const node = sets.node(model, type);
    return (
      node.attributes ??
      sets.keep(node, {
        [METRIC_ATTR_TOKEN_TYPE]: type,
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
      })
    );
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

  recordToolItem(row: CodexToolItemEventParams, kind: ToolItemKind): void {
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
}
