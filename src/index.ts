/* Public API: named exports only. */
export { SCOPE_NAME, VERSION } from './semconv/version.js';

// Span helpers.
export { ReviewTracer, type ReviewTracerConfig } from './instrumentation/ReviewTracer.js';
export { RECORD_CONTENT_ENV } from './semconv/attributes.js';
export type {
  AgentRuntimeInfo,
  AppServerClientInfo,
  PermissionProfile,
  SpanEndOptions,
  SpanStartOptions,
  ThreadContext,
  UserApprovalRequest,
} from './instrumentation/types.js';
export {
  ToolItemSpan,
  type ToolItemDetails,
  type ToolItemFinishOptions,
  type ToolItemStartOptions,
} from './instrumentation/ToolItemSpan.js';
export {
  UserReviewSpan,
  type PermissionGrantOptions,
  type UserReviewDecision,
  type UserReviewStartOptions,
} from './instrumentation/UserReviewSpan.js';
export { GuardianReviewSpan } from './instrumentation/GuardianReviewSpan.js';
export type {
  GuardianAssessment,
  GuardianFailure,
  GuardianReviewedActionInput,
  GuardianReviewStartOptions,
  GuardianSessionInfo,
  GuardianTokenUsage,
  GuardianToolCallOptions,
} from './instrumentation/guardianReviewOptions.js';

// The processor and its pure mappers.
export {
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
} from './processor/ReviewEventProcessor.js';
export type { TemporalitySource } from './metrics/AggregationProducer.js';
export { ReviewMetricProducers } from './metrics/ReviewMetricProducers.js';
export { type GuardianReviewMapping, mapGuardianReviewSpan } from './mapping/mapGuardianReviewSpan.js';
export { mapUserReviewSpan } from './mapping/mapUserReviewSpan.js';
export { mapToolItemSpan, type ToolItemMapping } from './mapping/mapToolItemSpan.js';
export type { ItemReview, ReviewMapping } from './mapping/ReviewMapping.js';
export { MalformedSpanError } from './rules/MalformedSpanError.js';

// Rows and where they go.
export type { JsonValue } from './rows/JsonValue.js';
export type { ReviewRow } from './rows/ReviewRow.js';
export type { AppServerClientFields, RuntimeFields } from './rows/appServerFields.js';
export {
  GUARDIAN_REVIEW_EVENT_TYPE,
  type GuardianReviewedAction,
  type GuardianReviewEventParams,
  type GuardianReviewRow,
  type GuardianToolCallCounts,
} from './rows/guardianReviewRow.js';
export {
  REVIEW_EVENT_TYPE,
  type CodexReviewEventParams,
  type ReviewEventRow,
} from './rows/reviewEventRow.js';
export {
  TOOL_ITEM_EVENT_TYPES,
  type CodexToolItemEventParams,
  type ToolItemEventType,
  type ToolItemKindFields,
  type ToolItemRow,
  type ToolItemRowOf,
} from './rows/toolItemRows.js';
export type { RowExportResult, RowSink, SinkDropReason } from './rows/RowSink.js';
export { InMemoryRowSink } from './sinks/InMemoryRowSink.js';
export { JsonlFileRowSink, type JsonlFileRowSinkOptions } from './sinks/JsonlFileRowSink.js';
export { OtlpLogRowSink, type OtlpLogRowSinkOptions } from './sinks/OtlpLogRowSink.js';
export type { RetryOptions } from './sinks/RetryPolicy.js';
