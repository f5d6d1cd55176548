/*
 * The internal modules that unit tests reach on purpose: the pure rule
 * functions and pieces of state tested without a provider. One file, so
 * that moving a module inside src/ changes one import here, not the tests.
 */
export { ItemReviewSummaries } from '../../src/kinds/ItemReviewSummaries.js';
export { buildReviewEventRow } from '../../src/mapping/buildReviewEventRow.js';
export { metricsFor } from '../../src/metrics/metricsFor.js';
export { ReviewMetrics } from '../../src/metrics/ReviewMetrics.js';
export { RecentKeys } from '../../src/processor/RecentKeys.js';
export {
  guardianRequestedPermissions,
  guardianResult,
  guardianReviewSubject,
} from '../../src/rules/guardianReviewRules.js';
export {
  isEmptyGrant,
  reviewTrigger,
  userRequestedPermissions,
} from '../../src/rules/requestedPermissions.js';
export {
  finalApprovalOutcome,
  reviewCountsOnItem,
  toolItemOutcome,
} from '../../src/rules/toolItemRules.js';
export { userReviewId, userReviewResult, userReviewSubject } from '../../src/rules/userReviewRules.js';
export { GUARDIAN_ACTION_FIELDS } from '../../src/schema/guardianActionAttributes.js';
export { SPAN_ATTRIBUTE_TABLES } from '../../src/schema/spanAttributeTables.js';
export { isDerivedField, TOOL_ITEM_KIND_FIELDS } from '../../src/schema/toolItemKindFields.js';
export type { AttributeDefinition } from '../../src/schema/AttributeDefinition.js';
export { REDACTED, scrubSecrets, scrubValue } from '../../src/rules/secrets.js';
export { rowExportOutcome, sinkExportTimeout } from '../../src/rows/RowSink.js';
export { RetryPolicy } from '../../src/sinks/RetryPolicy.js';
export { LineSplitter } from '../../src/cli/LineSplitter.js';
export { runCli } from '../../src/cli/cliProgram.js';
export { rowsFileLines } from '../../src/cli/rowsFileLines.js';
export { FORWARDED_SIGNALS, runStdioProxy, type StreamDirection } from '../../src/cli/stdioProxy.js';
export { percentile, rowsSummary, summarize } from '../../src/cli/rowsSummary.js';
export { replayRows } from '../../src/cli/replayRows.js';
export { logToStderr } from '../../src/cli/stderrDiagLogger.js';
export { shutdownWithin } from '../../src/cli/telemetryOptions.js';
export { shutdownOnExit } from '../../src/setup/exitHooks.js';
