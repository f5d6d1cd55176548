/* `codex_review_event`: one per finished review, by the user or the guardian. */
import type {
  Reviewer,
  ReviewResolution,
  ReviewStatus,
  ReviewSubjectKind,
  ReviewTrigger,
} from '../semconv/values.js';
import type { AppServerClientFields, RuntimeFields } from './appServerFields.js';
import type { Millis } from './numbers.js';

/** The `event_type` of review rows. */
export const REVIEW_EVENT_TYPE = 'codex_review_event';

/** The fields of a `codex_review_event` row. */
export interface CodexReviewEventParams {
  /** The agent thread. */
  thread_id: string;
  /** The turn the review happened in. */
  turn_id: string;
  /** The tool item under review; null when there is none (network policy reviews). */
  item_id: string | null;
  /** The guardian review id, or `user:{request id}` for a user review. */
  review_id: string;
  /** The app-server client the thread runs for, when known. */
  app_server_client: AppServerClientFields | null;
  /** The agent runtime (version and platform), when known. */
  runtime: RuntimeFields | null;
  /** Who started the thread: `user`, `subagent`, …. */
  thread_source: string | null;
  /** For subagent threads: `thread_spawn`, `review`, `compact`, …. */
  subagent_source: string | null;
  /** The parent thread of a subagent thread. */
  parent_thread_id: string | null;
  /** What was reviewed: a command, a file change, network access, permissions, an MCP call, …. */
  subject_kind: ReviewSubjectKind;
  /** The name of the subject: the tool, MCP tool or host the review was about. */
  subject_name: string;
  /** Who reviewed: `user` or `guardian`. */
  reviewer: Reviewer;
  /** What asked for the review. */
  trigger: ReviewTrigger;
  /** The review's outcome. */
  status: ReviewStatus;
  /** How far an approval reaches (this request, the session, a policy amendment, …). */
  resolution: ReviewResolution;
  /** When the review started, in Unix milliseconds. */
  started_at_ms: Millis;
  /** When the review was decided, in Unix milliseconds. */
  completed_at_ms: Millis;
  /** Time from start to decision. */
  duration_ms: Millis | null;
}

/** A `codex_review_event` row: one finished review, by the user or the guardian. */
export interface ReviewEventRow {
  /** Always `codex_review_event`. */
  event_type: typeof REVIEW_EVENT_TYPE;
  /** The row's fields. */
  event_params: CodexReviewEventParams;
}
