/* Public API: named exports only. */
export { SCOPE_NAME, VERSION } from './version.js';

export {
  RECORD_CONTENT_ENV,
  ReviewTracer,
  type ReviewTracerConfig,
} from './instrumentation/ReviewTracer.js';
export type { PermissionProfile, SpanEndOptions, SpanStartOptions, ThreadContext } from './instrumentation/types.js';
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
export type { UserApprovalRequest } from './instrumentation/requestedPermissions.js';
export {
  GuardianReviewSpan,
  type GuardianAssessment,
  type GuardianFailure,
  type GuardianReviewedActionInput,
  type GuardianReviewStartOptions,
  type GuardianSessionInfo,
  type GuardianTokenUsage,
  type GuardianToolCallOptions,
} from './instrumentation/GuardianReviewSpan.js';

export {
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
} from './processor/ReviewEventProcessor.js';
export { mapGuardianReviewSpan } from './processor/guardianReview.js';
export { mapUserReviewSpan } from './processor/userReview.js';
export { mapToolItemSpan } from './processor/toolItem.js';
export { MalformedSpanError } from './processor/spanAttributes.js';
export type {
  CodexReviewEventParams,
  CodexToolItemEventParams,
  GuardianReviewedAction,
  GuardianReviewEventParams,
  GuardianReviewRow,
  GuardianToolCallCounts,
  ReviewEventRow,
  ReviewRow,
  ToolItemRow,
} from './processor/rows.js';
export {
  GUARDIAN_REVIEW_EVENT_TYPE,
  REVIEW_EVENT_TYPE,
  TOOL_ITEM_EVENT_TYPES,
} from './processor/rows.js';

export type { RowExportResult, RowSink, SinkDropReason } from './sinks/RowSink.js';
export { InMemoryRowSink } from './sinks/InMemoryRowSink.js';
export { JsonlFileRowSink, type JsonlFileRowSinkOptions } from './sinks/JsonlFileRowSink.js';
export { OtlpLogRowSink, type OtlpLogRowSinkOptions } from './sinks/OtlpLogRowSink.js';
export type { RetryOptions } from './sinks/RetryPolicy.js';
