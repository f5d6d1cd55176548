/* Entry point `agent-review-telemetry/codex`: observe a Codex app-server session. */
export {
  CODEX_GUARDIAN_TIMEOUT_MS,
  CodexBridge,
  type CodexBridgeOptions,
  type CodexBridgeStats,
} from './CodexBridge.js';
export { type Direction, DIRECTIONS } from './jsonRpcMessage.js';
export { readTranscript, type TranscriptEntry, type TranscriptReadResult } from './transcript.js';
