/* The `codex_review_event` row, shared by user and guardian reviews. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ReviewResult } from '../rules/userReviewRules.js';
import type { ReviewSubject } from '../rules/reviewSubjects.js';
import { REVIEW_EVENT_TYPE, type ReviewEventRow } from '../rows/reviewEventRow.js';
import type { Reviewer, ReviewTrigger } from '../semconv/values.js';
import { readAppServerFields } from './appServerFields.js';
import type { SpanTimes } from './spanTime.js';
import type { ThreadFields } from './threadFields.js';

export interface ReviewEventFacts {
  thread: ThreadFields;
  itemId: string | null;
  reviewId: string;
  subject: ReviewSubject;
  reviewer: Reviewer;
  trigger: ReviewTrigger;
  result: ReviewResult;
  /** The span's times, read once per span. */
  times: SpanTimes;
}

export function buildReviewEventRow(span: ReadableSpan, facts: ReviewEventFacts): ReviewEventRow {
  const { thread, times } = facts;
  const appServer = readAppServerFields(span);
  return {
    event_type: REVIEW_EVENT_TYPE,
    event_params: {
      thread_id: thread.thread_id,
      turn_id: thread.turn_id,
      item_id: facts.itemId,
      review_id: facts.reviewId,
      app_server_client: appServer.app_server_client,
      runtime: appServer.runtime,
      thread_source: thread.thread_source,
      subagent_source: thread.subagent_source,
      parent_thread_id: thread.parent_thread_id,
      subject_kind: facts.subject.subjectKind,
      subject_name: facts.subject.subjectName,
      reviewer: facts.reviewer,
      trigger: facts.trigger,
      status: facts.result.status,
      resolution: facts.result.resolution,
      started_at_ms: times.startedAtMs,
      completed_at_ms: times.completedAtMs,
      duration_ms: times.durationMs,
    },
  };
}
