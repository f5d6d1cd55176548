/*
 * Guardian review rows field by field: a full execve review, the
 * request_permissions action, and the range checks (risk score, port,
 * timeout) that drop a span as malformed.
 */
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuardianReviewStartOptions } from '../src/index.js';
import { createPipeline, ms, paramsOf, type Pipeline, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';

describe('guardian review rows', () => {
  let pipeline: Pipeline;
  afterEach(() => pipeline.shutdown());

  function execveReview(recordContent: boolean) {
    pipeline = createPipeline({ recordContent });
    const review = pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'g',
      targetItemId: 'item-1',
      action: {
        type: 'execve',
        source: 'unified_exec',
        program: '/usr/bin/git',
        argv: ['git', 'push'],
        cwd: '/repo',
        additionalPermissions: { fileSystem: { read: ['/etc'] } },
      },
      timeoutMs: 60_000,
      startTime: ms(10_400),
      model: 'm',
      reasoningEffort: 'low',
      priorReviewContext: true,
      guardianThreadId: 'gt',
      sessionKind: 'ephemeral_forked',
      retryReason: 'r',
      productClientId: 'pc',
      delegated: true,
    });
    review.recordFirstToken(ms(10_650));
    review.recordToolCall('apply_patch');
    review.recordTokenUsage({ inputTokens: 10, cachedInputTokens: 2, outputTokens: 3, reasoningOutputTokens: 1 });
    review.deny({ riskScore: 100, riskLevel: 'high', rationale: 'pushes to main', endTime: ms(12_900) });
    return pipeline.rows();
  }

  it('writes every field of a denied execve review and its review event', async () => {
    const rows = await execveReview(true);
    expect(rows).toEqual([
      {
        event_type: 'codex_guardian_review',
        event_params: {
          thread_id: 'thread-1',
          turn_id: 'turn-1',
          review_id: 'g',
          target_item_id: 'item-1',
          product_client_id: 'pc',
          trigger: 'execve',
          retry_reason: 'r',
          delegated_review: true,
          reviewed_action: {
            type: 'execve',
            source: 'unified_exec',
            program: '/usr/bin/git',
            argv: ['git', 'push'],
            cwd: '/repo',
            additional_permissions: { file_system: { read: ['/etc'] } },
          },
          reviewed_action_truncated: false,
          decision: 'denied',
          terminal_status: 'denied',
          failure_kind: null,
          risk_score: 100,
          risk_level: 'high',
          rationale: 'pushes to main',
          guardian_thread_id: 'gt',
          guardian_session_kind: 'ephemeral_forked',
          guardian_model: 'm',
          guardian_reasoning_effort: 'low',
          had_prior_review_context: true,
          review_timeout_ms: 60_000,
          guardian_tool_call_count: 1,
          guardian_tool_call_counts: {
            shell: 0,
            unified_exec: 0,
            mcp: 0,
            dynamic: 0,
            apply_patch: 1,
            web_search: 0,
            image_generation: 0,
            view_image: 0,
          },
          guardian_time_to_first_token_ms: 250,
          guardian_completion_latency_ms: 2500,
          started_at: 10,
          completed_at: 12,
          input_tokens: 10,
          cached_input_tokens: 2,
          output_tokens: 3,
          reasoning_output_tokens: 1,
          total_tokens: 13,
        },
      },
      {
        event_type: 'codex_review_event',
        event_params: {
          thread_id: 'thread-1',
          turn_id: 'turn-1',
          item_id: 'item-1',
          review_id: 'g',
          app_server_client: {
            product_client_id: 'pc',
            client_name: null,
            client_version: null,
            rpc_transport: null,
            experimental_api_enabled: null,
          },
          runtime: null,
          thread_source: null,
          subagent_source: null,
          parent_thread_id: null,
          subject_kind: 'command_execution',
          subject_name: 'command_execution',
          reviewer: 'guardian',
          trigger: 'execve_intercept',
          status: 'denied',
          resolution: 'none',
          started_at_ms: 10_400,
          completed_at_ms: 12_900,
          duration_ms: 2500,
        },
      },
    ]);
  });

  it('writes an execve action as source and program only without content', async () => {
    const [guardian] = paramsOf(await execveReview(false), 'codex_guardian_review');
    expect(guardian).toMatchObject({
      reviewed_action: { type: 'execve', source: 'unified_exec', program: '/usr/bin/git' },
      rationale: null,
    });
    expect(Object.keys((guardian as { reviewed_action: object }).reviewed_action)).toEqual(['type', 'source', 'program']);
  });

  it.each([
    [{ network: { enabled: true } }, 'network_policy_denial'],
    [{ fileSystem: { write: ['/data'] } }, 'sandbox_denial'],
    [{}, 'initial'],
  ])('reviews a request_permissions action for %j as permissions with trigger %s', async (permissions, trigger) => {
    pipeline = createPipeline({ recordContent: true });
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        targetItemId: 'item-1',
        action: { type: 'request_permissions', permissions },
        timeoutMs: 1,
      })
      .approve();
    const rows = await pipeline.rows();
    expect(paramsOf(rows, 'codex_guardian_review')).toMatchObject([
      { trigger: null, reviewed_action: { type: 'request_permissions' } },
    ]);
    expect(paramsOf(rows, 'codex_review_event')).toMatchObject([
      { subject_kind: 'permissions', subject_name: 'permissions', trigger, status: 'approved' },
    ]);
  });

  it('leaves a permissions review off its tool item', async () => {
    pipeline = createPipeline();
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        targetItemId: 'item-1',
        action: { type: 'request_permissions', permissions: { network: { enabled: true } } },
        timeoutMs: 1,
      })
      .approve();
    expect(pipeline.processor.pendingItemCount).toBe(0);
    pipeline.reviews.startToolItem({ ...THREAD, itemId: 'item-1', kind: 'command_execution', toolName: 'shell' }).finish({ status: 'completed' });
    const [item] = await pipeline.params('codex_command_execution_event');
    expect(item).toMatchObject({ review_count: 0, final_approval_outcome: 'unknown', requested_network_access: false });
  });

  it.each([
    ['apply_patch', { type: 'apply_patch' }, { requested_additional_permissions: true, requested_network_access: false }],
    ['shell', { type: 'shell', sandboxPermissions: 'use_default' }, { requested_additional_permissions: false, requested_network_access: false }],
  ] as const)('puts what a reviewed %s asks for on its tool item', async (_name, action, requested) => {
    pipeline = createPipeline();
    pipeline.reviews.startGuardianReview({ ...THREAD, reviewId: 'g', targetItemId: 'item-1', action, timeoutMs: 1 }).approve();
    pipeline.reviews.startToolItem({ ...THREAD, itemId: 'item-1', kind: 'file_change', toolName: 'apply_patch' }).finish({ status: 'completed' });
    const [item] = await pipeline.params('codex_file_change_event');
    expect(item).toMatchObject({ review_count: 1, guardian_review_count: 1, user_review_count: 0, final_approval_outcome: 'guardian_approved', ...requested });
  });

  it('writes a network_access action with its target and host when recording content', async () => {
    pipeline = createPipeline({ recordContent: true });
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        action: { type: 'network_access', protocol: 'https', port: 443, target: 'https://example.com', host: 'example.com' },
        timeoutMs: 1,
      })
      .approve();
    const [guardian] = await pipeline.params('codex_guardian_review');
    expect((guardian as { reviewed_action: object }).reviewed_action).toEqual({
      type: 'network_access',
      target: 'https://example.com',
      host: 'example.com',
      protocol: 'https',
      port: 443,
    });
  });

  it('takes the time to first token from the first-token event, not from an earlier tool call', async () => {
    pipeline = createPipeline();
    const span = pipeline.tracer.startSpan('invoke_agent guardian', {
      startTime: ms(1500),
      attributes: {
        'agent_review.reviewer': 'guardian',
        'gen_ai.conversation.id': 'th',
        'agent_review.turn.id': 't',
        'agent_review.review.id': 'g',
        'agent_review.action.type': 'apply_patch',
        'agent_review.guardian.timeout_ms': 1,
        'agent_review.guardian.assessment.outcome': 'allow',
      },
    });
    span.addEvent('agent_review.guardian.tool_call', { 'agent_review.tool_call.kind': 'shell' }, ms(1510));
    span.addEvent('agent_review.guardian.first_token', ms(2100));
    span.end(ms(3000));
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ guardian_time_to_first_token_ms: 600 }]);
  });

  it('keeps the trigger the review was started with', async () => {
    pipeline = createPipeline();
    pipeline.reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'shell', sandboxPermissions: 'use_default' }, trigger: 'execve', timeoutMs: 1 })
      .approve();
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ trigger: 'execve' }]);
  });

  it('takes the span product client id over the resource one', async () => {
    pipeline = createPipeline({ resourceAttributes: { 'agent_review.client.product_id': 'from-resource' } });
    pipeline.reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'apply_patch' }, productClientId: 'from-span', timeoutMs: 1 })
      .approve();
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ product_client_id: 'from-span' }]);
  });

  it.each([
    ['unified_exec', { type: 'unified_exec', tty: false, sandboxPermissions: 'use_default' }, { type: 'unified_exec', sandbox_permissions: 'use_default', tty: false }],
    ['network_access', { type: 'network_access', protocol: 'socks5_tcp', port: 0 }, { type: 'network_access', protocol: 'socks5_tcp', port: 0 }],
    [
      'mcp_tool_call',
      { type: 'mcp_tool_call', server: 'gh', toolName: 'create_pr', connectorId: 'c', connectorName: 'n', toolTitle: 't' },
      { type: 'mcp_tool_call', server: 'gh', tool_name: 'create_pr', connector_id: 'c', connector_name: 'n', tool_title: 't' },
    ],
  ] as const)('writes a %s action without content', async (_name, action, expected) => {
    pipeline = createPipeline();
    pipeline.reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: action as GuardianReviewStartOptions['action'], timeoutMs: 1 })
      .approve();
    const [guardian] = await pipeline.params('codex_guardian_review');
    expect((guardian as { reviewed_action: object }).reviewed_action).toEqual(expected);
  });
});

describe('guardian review range checks', () => {
  let pipeline: Pipeline;
  let logger: CapturingLogger;
  beforeEach(() => {
    pipeline = createPipeline();
    logger = captureDiag();
  });
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  function networkReview(port: number, riskScore?: number) {
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: `g-${port}-${riskScore}`,
        action: { type: 'network_access', protocol: 'https', port },
        timeoutMs: 1,
      })
      .approve({ riskScore });
  }

  async function dropped() {
    const metrics = await pipeline.metrics();
    return metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' });
  }

  it('accepts risk scores 0 and 100 and ports 0 and 65535', async () => {
    networkReview(0, 0);
    networkReview(65_535, 100);
    const rows = await pipeline.params('codex_guardian_review');
    expect(rows).toMatchObject([
      { risk_score: 0, reviewed_action: { port: 0 } },
      { risk_score: 100, reviewed_action: { port: 65_535 } },
    ]);
    expect(await dropped()).toBe(0);
  });

  it('drops a review with a risk score over 100, counting both its rows', async () => {
    networkReview(443, 101);
    expect(await pipeline.rows()).toEqual([]);
    expect(await dropped()).toBe(2);
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 2 rows (malformed 2); first: malformed span "invoke_agent guardian": attribute agent_review.guardian.risk_score must be a count (0..100), got 101',
    ]);
  });

  it('drops a review with a port over 65535', async () => {
    networkReview(65_536);
    expect(await pipeline.rows()).toEqual([]);
    expect(await dropped()).toBe(2);
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 2 rows (malformed 2); first: malformed span "invoke_agent guardian": attribute agent_review.action.port must be a count (0..65535), got 65536',
    ]);
  });

  function handMade(attributes: Record<string, string | number | boolean>) {
    pipeline.tracer
      .startSpan('invoke_agent guardian', {
        attributes: {
          'agent_review.reviewer': 'guardian',
          'gen_ai.conversation.id': 'th',
          'agent_review.turn.id': 't',
          'agent_review.review.id': 'g',
          'agent_review.guardian.timeout_ms': 1,
          'agent_review.guardian.assessment.outcome': 'allow',
          ...attributes,
        },
      })
      .end();
  }

  it.each([
    [{ 'agent_review.action.type': 'network_access', 'agent_review.action.protocol': 'https' }, 'attribute agent_review.action.port must be present'],
    [{ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.timeout_ms': -1 }, 'attribute agent_review.guardian.timeout_ms must be a count (0..n), got -1'],
    [{ 'agent_review.action.type': 'mcp_tool_call', 'agent_review.mcp.server': 's' }, 'attribute agent_review.mcp.tool_name must be present and non-empty, got undefined'],
    [{ 'agent_review.action.type': 'execve', 'agent_review.action.program': 'git' }, 'attribute agent_review.action.source must be one of '],
    [{ 'agent_review.action.type': 'execve', 'agent_review.action.source': 'shell' }, 'attribute agent_review.action.program must be present and non-empty'],
    [{ 'agent_review.action.type': 'shell' }, 'attribute agent_review.action.sandbox_permissions must be present and non-empty'],
    [{ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.risk_level': 'extreme' }, 'attribute agent_review.guardian.risk_level must be one of low|medium|high'],
    [{ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.session_kind': 'x' }, 'attribute agent_review.guardian.session_kind must be one of '],
    [{ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.trigger': 'x' }, 'attribute agent_review.guardian.trigger must be one of '],
    [{ 'agent_review.action.type': 'apply_patch', 'gen_ai.response.time_to_first_chunk': -0.5 }, 'attribute gen_ai.response.time_to_first_chunk must be a finite number >= 0'],
    [{ 'agent_review.action.type': 'apply_patch', 'gen_ai.response.time_to_first_chunk': Number.POSITIVE_INFINITY }, 'attribute gen_ai.response.time_to_first_chunk must be a finite number >= 0'],
    [{ 'agent_review.action.type': 'apply_patch', 'gen_ai.response.time_to_first_chunk': '1' }, 'attribute gen_ai.response.time_to_first_chunk must be a finite number >= 0'],
    [{ 'agent_review.action.type': 'apply_patch', 'gen_ai.usage.input_tokens': '12' }, 'attribute gen_ai.usage.input_tokens must be a count (0..n), got "12"'],
    [{ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.prior_review_context': 'yes' }, 'attribute agent_review.guardian.prior_review_context must be a boolean'],
  ])('drops a hand-made review with %j and says why', async (attributes, message) => {
    handMade(attributes);
    expect(await pipeline.rows()).toEqual([]);
    expect(await dropped()).toBe(2);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(`malformed span "invoke_agent guardian": ${message}`);
  });

  it('says which closed set a missing required value comes from', async () => {
    handMade({ 'agent_review.guardian.timeout_ms': 1 });
    expect(logger.warnings[0]).toContain(
      'attribute agent_review.action.type must be one of shell|unified_exec|execve|apply_patch|network_access|mcp_tool_call|request_permissions, got undefined'
    );
  });

  it('accepts a time to first chunk of zero', async () => {
    handMade({ 'agent_review.action.type': 'apply_patch', 'gen_ai.response.time_to_first_chunk': 0 });
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ guardian_time_to_first_token_ms: 0 }]);
  });

  it('drops a hand-made review without a timeout', async () => {
    handMade({ 'agent_review.action.type': 'apply_patch', 'agent_review.guardian.timeout_ms': undefined as unknown as number });
    expect(await dropped()).toBe(2);
    expect(logger.warnings[0]).toContain('attribute agent_review.guardian.timeout_ms must be present, got undefined');
  });
});
