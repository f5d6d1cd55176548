/* Entry point `agent-review-telemetry/semconv`: names only, no behaviour. */
export * from './attributes.js';
export * from './metrics.js';
export * from './spans.js';
export * from './values.js';
