/*
 * Seed 000's `reducer_ingests_guardian_review_fact`, through the helpers:
 * the same inputs must give the same JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPipeline, ms, type Pipeline } from './pipeline.js';

const SEED_ROW = {
  event_type: 'codex_guardian_review',
  event_params: {
    thread_id: 'thread-1',
    turn_id: 'turn-1',
    review_id: 'review-1',
    target_item_id: 'tool-1',
    product_client_id: 'codex_app',
    trigger: 'mcp_tool_call',
    retry_reason: 'requires approval',
    delegated_review: true,
    reviewed_action: {
      type: 'mcp_tool_call',
      server: 'github',
      tool_name: 'create_pr',
      arguments: { title: 'Guardian analytics' },
      connector_id: 'github',
      connector_name: 'GitHub',
      tool_title: 'Create PR',
    },
    reviewed_action_truncated: false,
    decision: 'denied',
    terminal_status: 'failed_closed',
    failure_kind: 'parse_error',
    risk_score: 100,
    risk_level: 'high',
    rationale: 'Automatic approval review failed',
    guardian_thread_id: 'guardian-thread-1',
    guardian_session_kind: 'ephemeral_forked',
    guardian_model: 'gpt-5.4',
    guardian_reasoning_effort: 'low',
    had_prior_review_context: true,
    review_timeout_ms: 90000,
    guardian_tool_call_count: 3,
    guardian_tool_call_counts: {
      shell: 1,
      unified_exec: 0,
      mcp: 2,
      dynamic: 0,
      apply_patch: 0,
      web_search: 0,
      image_generation: 0,
      view_image: 0,
    },
    guardian_time_to_first_token_ms: 123,
    guardian_completion_latency_ms: 456,
    started_at: 1716000000,
    completed_at: 1716000001,
    input_tokens: 10,
    cached_input_tokens: 2,
    output_tokens: 3,
    reasoning_output_tokens: 1,
    total_tokens: 13,
  },
};

describe('seed 000: reducer_ingests_guardian_review_fact', () => {
  let pipeline: Pipeline;
  afterEach(() => pipeline.shutdown());

  it('reproduces the seed row from the same inputs through the helpers', async () => {
    pipeline = createPipeline({ recordContent: true });
    const started = 1_716_000_000_800;
    const review = pipeline.reviews.startGuardianReview({
      threadId: 'thread-1',
      turnId: 'turn-1',
      reviewId: 'review-1',
      targetItemId: 'tool-1',
      productClientId: 'codex_app',
      trigger: 'mcp_tool_call',
      retryReason: 'requires approval',
      delegated: true,
      action: {
        type: 'mcp_tool_call',
        server: 'github',
        toolName: 'create_pr',
        arguments: { title: 'Guardian analytics' },
        connectorId: 'github',
        connectorName: 'GitHub',
        toolTitle: 'Create PR',
      },
      guardianThreadId: 'guardian-thread-1',
      sessionKind: 'ephemeral_forked',
      model: 'gpt-5.4',
      reasoningEffort: 'low',
      priorReviewContext: true,
      timeoutMs: 90_000,
      startTime: ms(started),
    });
    review.recordFirstToken(ms(started + 123));
    review.recordToolCall('shell', { time: ms(started + 150) });
    review.recordToolCall('mcp', { time: ms(started + 200) });
    review.recordToolCall('mcp', { time: ms(started + 250) });
    review.recordTokenUsage({
      inputTokens: 10,
      cachedInputTokens: 2,
      outputTokens: 3,
      reasoningOutputTokens: 1,
      totalTokens: 13,
    });
    review.failClosed('parse_error', {
      riskScore: 100,
      riskLevel: 'high',
      rationale: 'Automatic approval review failed',
      endTime: ms(started + 456),
    });

    const rows = await pipeline.rows();
    expect(rows.filter(row => row.event_type === 'codex_guardian_review')).toEqual([SEED_ROW]);
  });
});
