/* Entry point `agent-review-telemetry/codex`: observe a Codex app-server session. */
export { CodexBridge, type CodexBridgeOptions, type CodexBridgeStats } from './CodexBridge.js';
export { CODEX_GUARDIAN_TIMEOUT_MS } from './OpenGuardianReviews.js';
export { type Direction, DIRECTIONS } from './jsonRpcMessage.js';
export { readTranscript, type TranscriptEntry, type TranscriptReadResult } from './transcript.js';
