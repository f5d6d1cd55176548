/** Package version, also the instrumentation scope version. */
export const VERSION = '0.1.0';
/** Instrumentation scope name of the spans the helpers make. */
export const SCOPE_NAME = 'agent-review-telemetry';
