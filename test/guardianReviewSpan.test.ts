/*
 * What GuardianReviewSpan writes on its span: the start attributes of each
 * action type (content only when recorded), the session, tool call and token
 * facts, and each ending. Through the real SDK and an in-memory exporter.
 */
import { diag, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuardianReviewSpan, GuardianReviewStartOptions } from '../src/index.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import { finishedSpan } from './support/finishedSpans.js';

/** The tool call count attributes every finished guardian span carries. */
function toolCallCounts(counts: Record<string, number> = {}) {
  const kinds = ['shell', 'unified_exec', 'mcp', 'dynamic', 'apply_patch', 'web_search', 'image_generation', 'view_image'];
  return Object.fromEntries(kinds.map(kind => [`agent_review.guardian.tool_calls.${kind}`, counts[kind] ?? 0]));
}

const BASE_ATTRIBUTES = {
  'gen_ai.conversation.id': 'thread-1',
  'agent_review.turn.id': 'turn-1',
  'gen_ai.operation.name': 'invoke_agent',
  'gen_ai.agent.name': 'guardian',
  'agent_review.reviewer': 'guardian',
  'agent_review.review.id': 'g',
  'agent_review.guardian.timeout_ms': 90_000,
  'agent_review.guardian.delegated': false,
  'agent_review.action.truncated': false,
  'agent_review.guardian.assessment.outcome': 'allow',
  ...toolCallCounts(),
};

const PROFILE = { network: { enabled: true }, fileSystem: { write: ['/tmp'] } };
const PROFILE_JSON = '{"network":{"enabled":true},"file_system":{"write":["/tmp"]}}';

const ACTIONS: Array<{
  name: string;
  action: GuardianReviewStartOptions['action'];
  always: Record<string, unknown>;
  content: Record<string, unknown>;
}> = [
  {
    name: 'shell',
    action: {
      type: 'shell',
      sandboxPermissions: 'with_additional_permissions',
      command: ['rm', '-rf', 'build'],
      commandDisplay: 'rm -rf build',
      cwd: '/repo',
      justification: 'clean the build',
      additionalPermissions: PROFILE,
    },
    always: { 'agent_review.action.sandbox_permissions': 'with_additional_permissions' },
    content: {
      'agent_review.action.command': ['rm', '-rf', 'build'],
      'agent_review.action.command_display': 'rm -rf build',
      'agent_review.action.cwd': '/repo',
      'agent_review.action.justification': 'clean the build',
      'agent_review.action.additional_permissions': PROFILE_JSON,
    },
  },
  {
    name: 'unified_exec',
    action: { type: 'unified_exec', tty: true, sandboxPermissions: 'use_default', command: ['bash'] },
    always: { 'agent_review.action.sandbox_permissions': 'use_default', 'agent_review.action.tty': true },
    content: { 'agent_review.action.command': ['bash'] },
  },
  {
    name: 'execve',
    action: {
      type: 'execve',
      source: 'shell',
      program: '/usr/bin/git',
      argv: ['git', 'push'],
      cwd: '/repo',
      additionalPermissions: PROFILE,
    },
    always: { 'agent_review.action.source': 'shell', 'agent_review.action.program': '/usr/bin/git' },
    content: {
      'agent_review.action.argv': ['git', 'push'],
      'agent_review.action.cwd': '/repo',
      'agent_review.action.additional_permissions': PROFILE_JSON,
    },
  },
  {
    name: 'apply_patch',
    action: { type: 'apply_patch', cwd: '/repo', files: ['a.ts'], patch: '*** Begin Patch' },
    always: {},
    content: {
      'agent_review.action.cwd': '/repo',
      'agent_review.action.files': ['a.ts'],
      'agent_review.action.patch': '*** Begin Patch',
    },
  },
  {
    name: 'network_access',
    action: { type: 'network_access', protocol: 'https', port: 443, target: 'https://example.com', host: 'example.com' },
    always: { 'agent_review.action.protocol': 'https', 'agent_review.action.port': 443 },
    content: { 'agent_review.action.target': 'https://example.com', 'agent_review.action.host': 'example.com' },
  },
  {
    name: 'mcp_tool_call',
    action: {
      type: 'mcp_tool_call',
      server: 'github',
      toolName: 'create_pr',
      arguments: { title: 'x' },
      connectorId: 'c1',
      connectorName: 'GitHub',
      toolTitle: 'Create PR',
    },
    always: {
      'agent_review.mcp.server': 'github',
      'agent_review.mcp.tool_name': 'create_pr',
      'agent_review.mcp.connector_id': 'c1',
      'agent_review.mcp.connector_name': 'GitHub',
      'agent_review.mcp.tool_title': 'Create PR',
    },
    content: { 'agent_review.mcp.arguments': '{"title":"x"}' },
  },
  {
    name: 'request_permissions',
    action: { type: 'request_permissions', permissions: { network: { enabled: true } } },
    always: { 'agent_review.request.network_access': true, 'agent_review.request.additional_permissions': true },
    content: {},
  },
];

describe('GuardianReviewSpan attributes', () => {
  let pipeline: Pipeline;
  afterEach(() => pipeline.shutdown());

  function approved(options: Partial<GuardianReviewStartOptions> & Pick<GuardianReviewStartOptions, 'action'>) {
    pipeline.reviews.startGuardianReview({ ...THREAD, reviewId: 'g', timeoutMs: 90_000, ...options }).approve();
    return finishedSpan(pipeline, 'agent_review.review.id', 'g').attributes;
  }

  it.each(ACTIONS)('writes the $name action without its content by default', ({ action, always }) => {
    pipeline = createPipeline();
    expect(approved({ action })).toEqual({
      ...BASE_ATTRIBUTES,
      'agent_review.action.type': action.type,
      ...always,
    });
  });

  it.each(ACTIONS)('writes the $name action with its content when recording content', ({ action, always, content }) => {
    pipeline = createPipeline({ recordContent: true });
    expect(approved({ action })).toEqual({
      ...BASE_ATTRIBUTES,
      'agent_review.content.recorded': true,
      'agent_review.action.type': action.type,
      ...always,
      ...content,
    });
  });

  it.each([
    [{ type: 'mcp_tool_call', server: 's', toolName: 't' }, ['agent_review.action.type', 'agent_review.mcp.server', 'agent_review.mcp.tool_name']],
    [{ type: 'shell', sandboxPermissions: 'use_default' }, ['agent_review.action.sandbox_permissions', 'agent_review.action.type']],
    [{ type: 'execve', source: 'shell', program: 'git' }, ['agent_review.action.program', 'agent_review.action.source', 'agent_review.action.type']],
  ] as const)('leaves out content options that were not given, even when recording content: %j', (action, keys) => {
    pipeline = createPipeline({ recordContent: true });
    const attributes = approved({ action });
    const actionKeys = Object.keys(attributes).filter(key => key.startsWith('agent_review.mcp.') || key.startsWith('agent_review.action.'));
    expect(actionKeys.filter(key => key !== 'agent_review.action.truncated').sort()).toEqual(keys);
  });

  it('writes the optional start options and the session', () => {
    pipeline = createPipeline();
    const attributes = approved({
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      targetItemId: 'item-1',
      trigger: 'execve',
      retryReason: 'session lost',
      productClientId: 'codex_cli',
      delegated: true,
      actionTruncated: true,
      guardianThreadId: 'gthread',
      sessionKind: 'trunk_spawned',
      model: 'gpt-5.4',
      providerName: 'openai',
      reasoningEffort: 'low',
      priorReviewContext: false,
      threadSource: 'subagent',
      subagentSource: 'review',
      parentThreadId: 'parent',
    });
    expect(attributes).toMatchObject({
      'gen_ai.tool.call.id': 'item-1',
      'agent_review.guardian.trigger': 'execve',
      'agent_review.guardian.retry_reason': 'session lost',
      'agent_review.client.product_id': 'codex_cli',
      'agent_review.guardian.delegated': true,
      'agent_review.action.truncated': true,
      'agent_review.guardian.thread.id': 'gthread',
      'agent_review.guardian.session_kind': 'trunk_spawned',
      'gen_ai.request.model': 'gpt-5.4',
      'gen_ai.provider.name': 'openai',
      'agent_review.guardian.reasoning_effort': 'low',
      'agent_review.guardian.prior_review_context': false,
      'agent_review.thread.source': 'subagent',
      'agent_review.thread.subagent_source': 'review',
      'agent_review.thread.parent_id': 'parent',
    });
  });
});

describe('GuardianReviewSpan lifecycle', () => {
  let pipeline: Pipeline;
  let logger: CapturingLogger;
  beforeEach(() => {
    logger = captureDiag();
  });
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  function start(recordContent = false) {
    pipeline = createPipeline({ recordContent });
    return pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'g',
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      timeoutMs: 1000,
      startTime: ms(10_000),
    });
  }
  const span = () => finishedSpan(pipeline, 'agent_review.review.id', 'g');

  it('adds session facts learned after the start', () => {
    const review = start();
    review.setSession({ sessionKind: 'trunk_reused', model: 'm', guardianThreadId: 'gt' });
    review.approve();
    expect(span().attributes).toMatchObject({
      'agent_review.guardian.session_kind': 'trunk_reused',
      'gen_ai.request.model': 'm',
      'agent_review.guardian.thread.id': 'gt',
    });
  });

  it('records each tool call as an event with its kind, tool name and call id, and counts them', () => {
    const review = start();
    review.recordToolCall('mcp', { toolName: 'search', callId: 'call-1', time: ms(10_100) });
    review.recordToolCall('mcp', { time: ms(10_200) });
    review.recordToolCall('view_image', { time: ms(10_300) });
    review.approve();
    expect(span().events.map(event => [event.name, event.attributes, event.time])).toEqual([
      [
        'agent_review.guardian.tool_call',
        { 'agent_review.tool_call.kind': 'mcp', 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.id': 'call-1' },
        ms(10_100),
      ],
      ['agent_review.guardian.tool_call', { 'agent_review.tool_call.kind': 'mcp' }, ms(10_200)],
      ['agent_review.guardian.tool_call', { 'agent_review.tool_call.kind': 'view_image' }, ms(10_300)],
    ]);
    expect(span().attributes).toMatchObject(toolCallCounts({ mcp: 2, view_image: 1 }));
  });

  it('records the first token once, in seconds since the start', () => {
    const review = start();
    review.recordFirstToken(ms(12_500));
    review.recordFirstToken(ms(11_000));
    review.approve();
    expect(span().attributes['gen_ai.response.time_to_first_chunk']).toBe(2.5);
    expect(span().events.map(event => [event.name, event.time])).toEqual([
      ['agent_review.guardian.first_token', ms(12_500)],
    ]);
  });

  it('records a first token stamped before the start as zero seconds', () => {
    const review = start();
    review.recordFirstToken(ms(9_000));
    review.approve();
    expect(span().attributes['gen_ai.response.time_to_first_chunk']).toBe(0);
  });

  it('records token usage with the total as input plus output by default', () => {
    const review = start();
    review.recordTokenUsage({ inputTokens: 100, cachedInputTokens: 30, outputTokens: 20, reasoningOutputTokens: 5 });
    review.approve();
    expect(span().attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.cache_read.input_tokens': 30,
      'gen_ai.usage.output_tokens': 20,
      'gen_ai.usage.reasoning.output_tokens': 5,
      'agent_review.guardian.usage.total_tokens': 120,
    });
  });

  it('records a given token total as is', () => {
    const review = start();
    review.recordTokenUsage({ inputTokens: 100, outputTokens: 20, totalTokens: 999 });
    review.approve();
    expect(span().attributes['agent_review.guardian.usage.total_tokens']).toBe(999);
  });

  it.each([{ inputTokens: 100 }, { outputTokens: 20 }])('records no token total when input or output is unknown: %j', usage => {
    const review = start();
    review.recordTokenUsage(usage);
    review.approve();
    expect(span().attributes).not.toHaveProperty('agent_review.guardian.usage.total_tokens');
  });

  it('records the assessment of a denial, leaving the rationale out by default', () => {
    start().deny({ riskScore: 80, riskLevel: 'high', rationale: 'deletes the repo', endTime: ms(10_400) });
    expect(span().attributes).toMatchObject({
      'agent_review.guardian.assessment.outcome': 'deny',
      'agent_review.guardian.risk_score': 80,
      'agent_review.guardian.risk_level': 'high',
    });
    expect(span().attributes).not.toHaveProperty('agent_review.guardian.rationale');
    expect(span().endTime).toEqual(ms(10_400));
    expect(span().status.code).toBe(SpanStatusCode.UNSET);
  });

  it('records the rationale when recording content', () => {
    start(true).approve({ rationale: 'read only' });
    expect(span().attributes['agent_review.guardian.rationale']).toBe('read only');
  });

  it('marks a timeout with its failure kind, without an error status', () => {
    start().timeOut({ endTime: ms(11_000) });
    expect(span().attributes['agent_review.guardian.failure_kind']).toBe('timeout');
    expect(span().endTime).toEqual(ms(11_000));
    expect(span().status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks an abort as cancelled, without an error status', () => {
    start().abort({ endTime: ms(10_500) });
    expect(span().attributes['agent_review.guardian.failure_kind']).toBe('cancelled');
    expect(span().endTime).toEqual(ms(10_500));
    expect(span().status.code).toBe(SpanStatusCode.UNSET);
  });

  it('fails closed as a span error, with the assessment and no exception by default', () => {
    start().failClosed('session_error', { error: new Error('rm -rf /'), riskLevel: 'medium', endTime: ms(10_700) });
    expect(span().attributes).toMatchObject({
      'agent_review.guardian.failure_kind': 'session_error',
      'error.type': 'session_error',
      'agent_review.guardian.risk_level': 'medium',
    });
    expect(span().status).toEqual({ code: SpanStatusCode.ERROR, message: 'session_error' });
    expect(span().events).toEqual([]);
    expect(span().endTime).toEqual(ms(10_700));
  });

  it('records the failure as an exception when recording content', () => {
    start(true).failClosed('parse_error', { error: new Error('bad json') });
    expect(span().events.map(event => [event.name, event.attributes?.['exception.message']])).toEqual([
      ['exception', 'bad json'],
    ]);
  });

  it('records a failure that is not an Error as an exception message', () => {
    start(true).failClosed('parse_error', { error: 'unexpected token' });
    expect(span().events.map(event => event.attributes?.['exception.message'])).toEqual(['unexpected token']);
  });

  it('records no exception when failing closed without an error', () => {
    start(true).failClosed('prompt_build_error');
    expect(span().events).toEqual([]);
  });

  it.each([
    ['setSession', (review: GuardianReviewSpan) => review.setSession({ model: 'late' })],
    ['recordToolCall', (review: GuardianReviewSpan) => review.recordToolCall('shell')],
    ['recordFirstToken', (review: GuardianReviewSpan) => review.recordFirstToken()],
    ['recordTokenUsage', (review: GuardianReviewSpan) => review.recordTokenUsage({ inputTokens: 1 })],
    ['approve', (review: GuardianReviewSpan) => review.approve()],
    ['deny', (review: GuardianReviewSpan) => review.deny()],
    ['timeOut', (review: GuardianReviewSpan) => review.timeOut()],
    ['abort', (review: GuardianReviewSpan) => review.abort()],
    ['failClosed', (review: GuardianReviewSpan) => review.failClosed('parse_error')],
  ] as const)('ignores %s on a finished review and says so', (operation, call) => {
    const review = start();
    review.approve({ endTime: ms(10_100) });
    const before = { ...span().attributes };
    call(review);
    expect(span().attributes).toEqual(before);
    expect(logger.warnings).toEqual([`agent-review-telemetry ${operation} on a finished span "guardian review g" was ignored`]);
  });
});
