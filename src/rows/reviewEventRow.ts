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

export const REVIEW_EVENT_TYPE = 'codex_review_event';

export interface CodexReviewEventParams {
  thread_id: string;
  turn_id: string;
  item_id: string | null;
  review_id: string;
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
  subject_kind: ReviewSubjectKind;
  subject_name: string;
  reviewer: Reviewer;
  trigger: ReviewTrigger;
  status: ReviewStatus;
  resolution: ReviewResolution;
  started_at_ms: Millis;
  completed_at_ms: Millis;
  duration_ms: Millis | null;
}

export interface ReviewEventRow {
  event_type: typeof REVIEW_EVENT_TYPE;
  event_params: CodexReviewEventParams;
}
