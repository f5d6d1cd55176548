/* The `codex_review_event` row, shared by user and guardian reviews. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Reviewer, ReviewTrigger } from '../semconv/values.js';
import { readAppServerFields } from './appServerFields.js';
import type { ReviewResult, ReviewSubject } from './reviewRules.js';
import { REVIEW_EVENT_TYPE, type ReviewEventRow } from './rows.js';
import { checkedDurationMillis, hrTimeToMillis } from './spanTime.js';
import type { ThreadFields } from './threadContext.js';

export interface ReviewEventFacts {
  thread: ThreadFields;
  itemId: string | null;
  reviewId: string;
  subject: ReviewSubject;
  reviewer: Reviewer;
  trigger: ReviewTrigger;
  result: ReviewResult;
}

export function reviewEventRow(
  span: ReadableSpan,
  facts: ReviewEventFacts
): ReviewEventRow {
  const startedAtMs = hrTimeToMillis(span.startTime);
  const completedAtMs = hrTimeToMillis(span.endTime);
  const { thread } = facts;
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
      started_at_ms: startedAtMs,
      completed_at_ms: completedAtMs,
      duration_ms: checkedDurationMillis(startedAtMs, completedAtMs),
    },
  };
}
