/*
 * The Codex analytics tests that pin the review rules (reference §5.2),
 * ported to spans: the same facts, made with the helpers, give the same rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipeline, ms, paramsOf, type Pipeline, THREAD } from './pipeline.js';

describe('upstream review scenarios', () => {
  let pipeline: Pipeline;
  beforeEach(() => {
    pipeline = createPipeline();
  });
  afterEach(() => pipeline.shutdown());

  function completeCommandItem(itemId = 'item-1', thread: { threadId: string; turnId: string } = THREAD, status = 'completed' as const) {
    pipeline.reviews
      .startToolItem({ ...thread, itemId, kind: 'command_execution', toolName: 'shell', startTime: ms(1000) })
      .finish({ status, endTime: ms(1045) });
  }

  it('item_lifecycle_notifications_publish_command_execution_event', async () => {
    const item = pipeline.reviews.startToolItem({
      ...THREAD,
      threadSource: 'user',
      itemId: 'item-1',
      kind: 'command_execution',
      toolName: 'shell',
      startTime: ms(1000),
      details: { commandSource: 'agent' },
    });
    expect(await pipeline.rows()).toEqual([]);
    item.finish({
      status: 'completed',
      endTime: ms(1045),
      details: {
        exitCode: 0,
        executionDurationMs: 42,
        readActions: 1,
        listFilesActions: 1,
        searchActions: 1,
        unknownActions: 1,
      },
    });
    const [row] = await pipeline.params('codex_command_execution_event');
    expect(row).toMatchObject({
      thread_id: 'thread-1',
      turn_id: 'turn-1',
      item_id: 'item-1',
      tool_name: 'shell',
      command_execution_source: 'agent',
      terminal_status: 'completed',
      final_approval_outcome: 'unknown',
      failure_kind: null,
      command_total_action_count: 4,
      command_read_action_count: 1,
      command_list_files_action_count: 1,
      command_search_action_count: 1,
      command_unknown_action_count: 1,
      started_at_ms: 1000,
      completed_at_ms: 1045,
      duration_ms: 45,
      execution_duration_ms: 42,
      thread_source: 'user',
      review_count: 0,
      exit_code: 0,
    });
  });

  it('command_execution_approval_response_publishes_user_review_event', async () => {
    const review = pipeline.reviews.startUserReview({
      ...THREAD,
      requestId: 41,
      itemId: 'item-1',
      request: { kind: 'command_execution' },
      startTime: ms(1000),
    });
    expect(await pipeline.rows()).toEqual([]);
    review.resolve('accept', { endTime: ms(1042) });
    expect(await pipeline.params('codex_review_event')).toEqual([
      {
        thread_id: 'thread-1',
        turn_id: 'turn-1',
        item_id: 'item-1',
        review_id: 'user:41',
        app_server_client: null,
        runtime: null,
        thread_source: null,
        subagent_source: null,
        parent_thread_id: null,
        subject_kind: 'command_execution',
        subject_name: 'command_execution',
        reviewer: 'user',
        trigger: 'initial',
        status: 'approved',
        resolution: 'none',
        started_at_ms: 1000,
        completed_at_ms: 1042,
        duration_ms: 42,
      },
    ]);
  });

  it('permissions_reviews_emit_events_without_denormalizing_onto_tool_items', async () => {
    pipeline.reviews
      .startUserReview({
        ...THREAD,
        requestId: 51,
        itemId: 'permissions-1',
        request: { kind: 'permissions', permissions: { network: { enabled: true } } },
        startTime: ms(1000),
      })
      .grant({ scope: 'turn', permissions: {}, endTime: ms(1010) });
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'permissions-1', kind: 'command_execution', toolName: 'shell', startTime: ms(1000) })
      .finish({ status: 'completed', endTime: ms(1020) });
    const rows = await pipeline.rows();
    expect(paramsOf(rows, 'codex_review_event')).toMatchObject([
      { review_id: 'user:51', subject_kind: 'permissions', status: 'denied', resolution: 'none' },
    ]);
    expect(paramsOf(rows, 'codex_command_execution_event')).toMatchObject([
      { item_id: 'permissions-1', review_count: 0, user_review_count: 0, guardian_review_count: 0 },
    ]);
  });

  it('effective_session_permissions_response_publishes_session_user_review_event', async () => {
    pipeline.reviews
      .startUserReview({
        ...THREAD,
        requestId: 52,
        request: { kind: 'permissions', permissions: { network: { enabled: true } } },
        startTime: ms(1000),
      })
      .grant({ scope: 'session', permissions: { network: { enabled: true } }, endTime: ms(1042) });
    expect(await pipeline.params('codex_review_event')).toMatchObject([
      {
        review_id: 'user:52',
        subject_kind: 'permissions',
        trigger: 'network_policy_denial',
        status: 'approved',
        resolution: 'session_approval',
      },
    ]);
  });

  it('aborted_server_request_publishes_aborted_user_review_event_once', async () => {
    const review = pipeline.reviews.startUserReview({
      ...THREAD,
      requestId: 61,
      itemId: 'item-1',
      request: { kind: 'command_execution' },
      startTime: ms(1000),
    });
    review.abort({ endTime: ms(1010) });
    review.resolve('accept', { endTime: ms(1020) });
    review.abort({ endTime: ms(1030) });
    expect(await pipeline.params('codex_review_event')).toMatchObject([
      { review_id: 'user:61', status: 'aborted', resolution: 'none', completed_at_ms: 1010 },
    ]);
  });

  it('guardian_completed_notification_publishes_review_event_with_thread_metadata', async () => {
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        threadSource: 'user',
        reviewId: 'guardian-review-1',
        targetItemId: 'item-1',
        action: { type: 'shell', sandboxPermissions: 'use_default' },
        timeoutMs: 90_000,
        startTime: ms(1000),
      })
      .deny({ endTime: ms(1042) });
    expect(await pipeline.params('codex_review_event')).toEqual([
      {
        thread_id: 'thread-1',
        turn_id: 'turn-1',
        item_id: 'item-1',
        review_id: 'guardian-review-1',
        app_server_client: null,
        runtime: null,
        thread_source: 'user',
        subagent_source: null,
        parent_thread_id: null,
        subject_kind: 'command_execution',
        subject_name: 'command_execution',
        reviewer: 'guardian',
        trigger: 'initial',
        status: 'denied',
        resolution: 'none',
        started_at_ms: 1000,
        completed_at_ms: 1042,
        duration_ms: 42,
      },
    ]);
  });

  it('terminal_reviews_denormalize_counts_onto_tool_item_events', async () => {
    pipeline.reviews
      .startUserReview({
        ...THREAD,
        requestId: 71,
        itemId: 'item-1',
        request: { kind: 'command_execution' },
        startTime: ms(1000),
      })
      .resolve('accept_for_session', { endTime: ms(1005) });
    completeCommandItem();
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([
      {
        item_id: 'item-1',
        review_count: 1,
        user_review_count: 1,
        guardian_review_count: 0,
        final_approval_outcome: 'user_approved_for_session',
      },
    ]);
  });

  it('item_review_summaries_do_not_cross_threads_with_reused_item_ids', async () => {
    pipeline.reviews
      .startUserReview({
        ...THREAD,
        requestId: 81,
        itemId: 'item-1',
        request: { kind: 'command_execution' },
        startTime: ms(1000),
      })
      .resolve('accept', { endTime: ms(1005) });
    completeCommandItem('item-1', { threadId: 'thread-2', turnId: 'turn-1' });
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([
      { thread_id: 'thread-2', review_count: 0, final_approval_outcome: 'unknown' },
    ]);
    expect(pipeline.processor.pendingItemCount).toBe(1);
  });

  it('guardian_review_event_ingests_custom_fact_with_optional_target_item', async () => {
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'review-network',
        delegated: true,
        action: { type: 'network_access', protocol: 'https', port: 443, target: 'https://example.com', host: 'example.com' },
        timeoutMs: 90_000,
        startTime: ms(1_000_000),
      })
      .timeOut({ endTime: ms(1_090_000) });
    const [guardian] = await pipeline.params('codex_guardian_review');
    expect(guardian).toMatchObject({
      target_item_id: null,
      delegated_review: true,
      reviewed_action: { type: 'network_access', protocol: 'https', port: 443 },
      retry_reason: null,
      rationale: null,
      decision: 'denied',
      terminal_status: 'timed_out',
      failure_kind: 'timeout',
      review_timeout_ms: 90000,
    });
    expect(guardian?.reviewed_action).toEqual({ type: 'network_access', protocol: 'https', port: 443 });
  });

  it('guardian_review_result_maps_terminal_statuses', async () => {
    const inProgress = pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'in-progress',
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      timeoutMs: 1000,
    });
    // Ended by hand without a verdict: the review never finished.
    inProgress.span.end();
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'timed-out',
        action: { type: 'shell', sandboxPermissions: 'use_default' },
        timeoutMs: 1000,
      })
      .timeOut();
    const reviews = await pipeline.params('codex_review_event');
    expect(reviews).toMatchObject([{ review_id: 'timed-out', status: 'timed_out', resolution: 'none' }]);
  });
});
