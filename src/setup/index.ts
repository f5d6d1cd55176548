/* Entry point `agent-review-telemetry/setup`: SDK wiring. */
export {
  type ReviewTelemetry,
  type ReviewTelemetryOptions,
  startReviewTelemetry,
} from './startReviewTelemetry.js';
