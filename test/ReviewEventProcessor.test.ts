/* ReviewEventProcessor behaviour through the real SDK: one behaviour per test. */
import { type Attributes, createNoopMeter, diag, type Meter, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  InMemoryRowSink,
  mapUserReviewSpan,
  ReviewEventProcessor,
  type ReviewRow,
  ReviewTracer,
  type RowSink,
} from '../src/index.js';
import * as A from '../src/semconv/index.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import { createPipeline, ManualMetricReader, MetricsView, ms, paramsOf, type Pipeline, THREAD } from './pipeline.js';

/** A finished user review as any instrumentation could write it by hand. */
function handMadeUserReview(requestId: string | number, kind: string, decision: string): Attributes {
  return {
    [A.ATTR_REVIEWER]: 'user',
    [A.ATTR_GEN_AI_CONVERSATION_ID]: 'thread-1',
    [A.ATTR_TURN_ID]: 'turn-1',
    [A.ATTR_REQUEST_ID]: requestId,
    [A.ATTR_REQUEST_KIND]: kind,
    [A.ATTR_USER_DECISION]: decision,
  };
}

/** A guardian review the guardian allowed, as written by hand. */
function handMadeGuardianReview(reviewId: string, actionType: string): Attributes {
  return {
    [A.ATTR_REVIEWER]: 'guardian',
    [A.ATTR_GEN_AI_CONVERSATION_ID]: 'thread-1',
    [A.ATTR_TURN_ID]: 'turn-1',
    [A.ATTR_REVIEW_ID]: reviewId,
    [A.ATTR_ACTION_TYPE]: actionType,
    [A.ATTR_GUARDIAN_TIMEOUT_MS]: 1,
    [A.ATTR_GUARDIAN_ASSESSMENT_OUTCOME]: 'allow',
  };
}

/** The serialized codex_review_event of reference §2.3. */
const EXAMPLE_2_3 = {
  event_type: 'codex_review_event',
  event_params: {
    thread_id: 'thread-1',
    turn_id: 'turn-1',
    item_id: null,
    review_id: 'review-1',
    thread_source: 'subagent',
    subagent_source: 'thread_spawn',
    parent_thread_id: 'parent-thread-1',
    subject_kind: 'network_access',
    subject_name: 'network_access',
    reviewer: 'user',
    trigger: 'network_policy_denial',
    status: 'approved',
    resolution: 'network_policy_amendment',
    started_at_ms: 123,
    completed_at_ms: 125,
    duration_ms: 2,
  },
};

describe('ReviewEventProcessor', () => {
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

  function userReview(requestId: number, itemId: string, decision: 'accept' | 'decline', at: number) {
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId, itemId, request: { kind: 'command_execution' }, startTime: ms(at) })
      .resolve(decision, { endTime: ms(at + 10) });
  }

  function guardianShell(reviewId: string, itemId: string) {
    return pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId,
      targetItemId: itemId,
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      timeoutMs: 30_000,
      startTime: ms(1000),
    });
  }

  it('gives the §2.3 example from a subagent network approval made with the helpers', async () => {
    pipeline.reviews
      .startUserReview({
        ...THREAD,
        threadSource: 'subagent',
        subagentSource: 'thread_spawn',
        parentThreadId: 'parent-thread-1',
        requestId: 'review-1',
        request: { kind: 'command_execution', networkApprovalContext: true },
        startTime: ms(123),
      })
      .resolve('network_policy_amendment_allow', { endTime: ms(125) });
    expect(await pipeline.params('codex_review_event')).toEqual([
      { ...EXAMPLE_2_3.event_params, review_id: 'user:review-1', app_server_client: null, runtime: null },
    ]);
  });

  it('lets the last review decide the item outcome and ORs the permission flags', async () => {
    const guardian = pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'g-1',
      targetItemId: 'patch-1',
      action: { type: 'apply_patch' },
      timeoutMs: 30_000,
    });
    guardian.deny();
    userReview(5, 'patch-1', 'accept', 2000);
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'patch-1', kind: 'file_change', toolName: 'apply_patch' })
      .finish({ status: 'completed', details: { fileChanges: 2, fileAdds: 1, fileUpdates: 1 } });
    expect(await pipeline.params('codex_file_change_event')).toMatchObject([
      {
        review_count: 2,
        guardian_review_count: 1,
        user_review_count: 1,
        final_approval_outcome: 'user_approved',
        requested_additional_permissions: true,
        requested_network_access: false,
        file_change_count: 2,
        file_add_count: 1,
        file_update_count: 1,
        file_delete_count: null,
      },
    ]);
  });

  it('yields one row per review id when the same span is delivered twice', async () => {
    guardianShell('g-dup', 'item-9').approve();
    const [span] = pipeline.spans.getFinishedSpans();
    pipeline.processor.onEnd(span as ReadableSpan);
    const rows = await pipeline.rows();
    expect(paramsOf(rows, 'codex_review_event')).toHaveLength(1);
    expect(paramsOf(rows, 'codex_guardian_review')).toHaveLength(1);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'duplicate' })).toBe(2);
  });

  it('counts a duplicated review once on its tool item', async () => {
    guardianShell('g-once', 'item-2').approve();
    pipeline.processor.onEnd(pipeline.spans.getFinishedSpans()[0] as ReadableSpan);
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'item-2', kind: 'command_execution', toolName: 'shell' })
      .finish({ status: 'completed' });
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([
      { review_count: 1, guardian_review_count: 1, final_approval_outcome: 'guardian_approved' },
    ]);
  });

  it.each<[string, Attributes]>([
    ['missing thread id', { [A.ATTR_REVIEWER]: 'user', [A.ATTR_TURN_ID]: 't', [A.ATTR_REQUEST_ID]: 1 }],
    [
      'wrong type of request id',
      { ...handMadeUserReview(1, 'command_execution', 'accept'), [A.ATTR_REQUEST_ID]: true },
    ],
    [
      'unknown decision',
      handMadeUserReview(1, 'command_execution', 'maybe'),
    ],
    ['unknown reviewer', { [A.ATTR_REVIEWER]: 'robot' }],
    ['guardian without review id', { [A.ATTR_REVIEWER]: 'guardian', [A.ATTR_GEN_AI_CONVERSATION_ID]: 'th', [A.ATTR_TURN_ID]: 't' }],
    [
      'tool item with a negative count',
      {
        [A.ATTR_ITEM_KIND]: 'file_change',
        [A.ATTR_GEN_AI_CONVERSATION_ID]: 'th',
        [A.ATTR_TURN_ID]: 't',
        [A.ATTR_GEN_AI_TOOL_CALL_ID]: 'i',
        [A.ATTR_GEN_AI_TOOL_NAME]: 'apply_patch',
        [A.ATTR_ITEM_STATUS]: 'completed',
        [A.ATTR_FILE_CHANGE_ADDS]: -1,
      },
    ],
  ])('drops a malformed span (%s) with a warning and a count, without throwing', async (_, attributes) => {
    const span = pipeline.tracer.startSpan('hand-made', { attributes });
    expect(() => span.end()).not.toThrow();
    expect(await pipeline.rows()).toEqual([]);
    expect(logger.warnings.join('\n')).toMatch(/malformed span "hand-made"/);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBeGreaterThan(0);
  });

  it('ignores spans that are not review or tool item spans', async () => {
    pipeline.tracer.startSpan('GET /health', { attributes: { 'http.route': '/health' } }).end();
    expect(await pipeline.rows()).toEqual([]);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.spans')).toBe(0);
    expect(logger.warnings).toEqual([]);
  });

  it('converts a span made by hand exactly like one made by the helpers', async () => {
    const start = ms(5000);
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 9, itemId: 'x', request: { kind: 'file_change', grantRoot: '/r' }, startTime: start })
      .resolve('decline', { endTime: ms(5020) });
    const helperRows = await pipeline.rows();
    const other = createPipeline();
    const span = other.tracer.startSpan('approval wait', {
      startTime: start,
      attributes: {
        [A.ATTR_REVIEWER]: 'user',
        [A.ATTR_GEN_AI_CONVERSATION_ID]: 'thread-1',
        [A.ATTR_TURN_ID]: 'turn-1',
        [A.ATTR_REQUEST_ID]: 9,
        [A.ATTR_REQUEST_KIND]: 'file_change',
        [A.ATTR_GEN_AI_TOOL_CALL_ID]: 'x',
        [A.ATTR_REQUEST_ADDITIONAL_PERMISSIONS]: true,
      },
    });
    span.setAttribute(A.ATTR_USER_DECISION, 'decline');
    span.end(ms(5020));
    expect(await other.rows()).toEqual(helperRows);
    expect(helperRows).toMatchObject([{ event_params: { trigger: 'sandbox_denial', status: 'denied' } }]);
    await other.shutdown();
  });

  it('takes row times from the span, not from the processor clock', async () => {
    userReview(1, 'item-1', 'accept', Date.UTC(2020, 0, 1));
    const [review] = await pipeline.params('codex_review_event');
    expect(review).toMatchObject({
      started_at_ms: Date.UTC(2020, 0, 1),
      completed_at_ms: Date.UTC(2020, 0, 1) + 10,
      duration_ms: 10,
    });
  });

  it('records no content by default', async () => {
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g-private',
        action: {
          type: 'shell',
          sandboxPermissions: 'require_escalated',
          command: ['rm', '-rf', 'build'],
          commandDisplay: 'rm -rf build',
          cwd: '/home/dev/repo',
          justification: 'clean build output',
        },
        timeoutMs: 1000,
      })
      .deny({ riskLevel: 'medium', rationale: 'deletes files in /home/dev/repo' });
    const [span] = pipeline.spans.getFinishedSpans();
    const text = JSON.stringify({ attributes: span?.attributes, rows: await pipeline.rows() });
    expect(text).not.toMatch(/rm -rf|home\/dev|clean build|deletes files/);
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([
      { reviewed_action: { type: 'shell', sandbox_permissions: 'require_escalated' }, rationale: null },
    ]);
  });

  it('records content when the user opts in', async () => {
    const opted = createPipeline({ recordContent: true });
    opted.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g-content',
        action: { type: 'apply_patch', cwd: '/repo', files: ['a.ts'], patch: '+x' },
        timeoutMs: 1000,
      })
      .approve({ rationale: 'harmless' });
    expect(await opted.params('codex_guardian_review')).toMatchObject([
      {
        reviewed_action: { type: 'apply_patch', cwd: '/repo', files: ['a.ts'], patch: '+x' },
        rationale: 'harmless',
      },
    ]);
    await opted.shutdown();
  });

  it('writes null for missing content keys when content was recorded, as the seed does', async () => {
    const opted = createPipeline({ recordContent: true });
    opted.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g-nulls',
        action: { type: 'shell', sandboxPermissions: 'use_default', command: ['ls'] },
        timeoutMs: 1,
      })
      .approve();
    const [row] = await opted.params('codex_guardian_review') as { reviewed_action: unknown }[];
    expect(row?.reviewed_action).toEqual({
      type: 'shell',
      command: ['ls'],
      command_display: null,
      cwd: null,
      sandbox_permissions: 'use_default',
      additional_permissions: null,
      justification: null,
    });
    await opted.shutdown();
  });

  it('keeps a review whose JSON content was cut by the attribute length limit, marked truncated', async () => {
    const limited = createPipeline({ recordContent: true, spanLimits: { attributeValueLengthLimit: 24 } });
    limited.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g-cut',
        action: { type: 'mcp_tool_call', server: 'github', toolName: 'create_pr', arguments: { title: 'a long pull request title' } },
        timeoutMs: 1,
      })
      .approve();
    const rows = await limited.rows();
    expect(paramsOf(rows, 'codex_guardian_review')).toMatchObject([
      { reviewed_action: { type: 'mcp_tool_call', arguments: null }, reviewed_action_truncated: true },
    ]);
    expect(paramsOf(rows, 'codex_review_event')).toHaveLength(1);
    await limited.shutdown();
  });

  it('keeps tool call counts and time to first token past the SDK event-count limit', async () => {
    const limited = createPipeline({ spanLimits: { eventCountLimit: 4 } });
    const review = limited.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'g-busy',
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      timeoutMs: 60_000,
      startTime: ms(10_000),
    });
    review.recordFirstToken(ms(10_250));
    for (let i = 0; i < 200; i++) review.recordToolCall(i % 2 ? 'shell' : 'web_search', { time: ms(10_300 + i) });
    review.approve({ endTime: ms(12_000) });
    expect(limited.spans.getFinishedSpans()[0]?.events).toHaveLength(4);
    expect(await limited.params('codex_guardian_review')).toMatchObject([
      {
        guardian_tool_call_count: 200,
        guardian_tool_call_counts: { shell: 100, web_search: 100 },
        guardian_time_to_first_token_ms: 250,
      },
    ]);
    await limited.shutdown();
  });

  it('counts tool calls and first token from events on spans made by hand', async () => {
    const span = pipeline.tracer.startSpan('guardian', {
      startTime: ms(1000),
      attributes: handMadeGuardianReview('g-hand', 'request_permissions'),
    });
    span.addEvent(A.EVENT_GUARDIAN_FIRST_TOKEN, ms(1077));
    span.addEvent(A.EVENT_GUARDIAN_TOOL_CALL, { [A.ATTR_TOOL_CALL_KIND]: 'view_image' }, ms(1100));
    span.end(ms(1500));
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([
      {
        trigger: null,
        reviewed_action: { type: 'request_permissions' },
        guardian_tool_call_count: 1,
        guardian_tool_call_counts: { view_image: 1 },
        guardian_time_to_first_token_ms: 77,
        guardian_completion_latency_ms: 500,
      },
    ]);
  });

  it('truncates time to first token like every millisecond field, from the helpers and by hand', async () => {
    const review = pipeline.reviews.startGuardianReview({
      ...THREAD,
      reviewId: 'g-ttft-2',
      action: { type: 'apply_patch' },
      timeoutMs: 1,
      startTime: ms(1000),
    });
    review.recordFirstToken([2, 5_000_000]);
    review.approve({ endTime: ms(3000) });
    const span = pipeline.tracer.startSpan('guardian', {
      startTime: ms(1000),
      attributes: handMadeGuardianReview('g-ttft-hand', 'apply_patch'),
    });
    span.addEvent(A.EVENT_GUARDIAN_FIRST_TOKEN, [2, 5_600_000]);
    span.end(ms(3000));
    const ttfts = (await pipeline.params('codex_guardian_review')).map(r => [
      (r as { review_id: string }).review_id,
      (r as { guardian_time_to_first_token_ms: number }).guardian_time_to_first_token_ms,
    ]);
    expect(ttfts).toEqual([
      ['g-ttft-2', 1005],
      ['g-ttft-hand', 1005],
    ]);
  });

  it('spells additional permissions as Codex does (file_system)', async () => {
    const opted = createPipeline({ recordContent: true });
    opted.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g-perm',
        action: {
          type: 'shell',
          sandboxPermissions: 'with_additional_permissions',
          additionalPermissions: { network: { enabled: true }, fileSystem: { write: ['/tmp'] } },
        },
        timeoutMs: 1,
      })
      .approve();
    expect(await opted.params('codex_guardian_review')).toMatchObject([
      { reviewed_action: { additional_permissions: { network: { enabled: true }, file_system: { write: ['/tmp'] } } } },
    ]);
    await opted.shutdown();
  });

  it('reads the product client id from the resource when the span lacks it', async () => {
    const withResource = createPipeline({ resourceAttributes: { [A.ATTR_PRODUCT_CLIENT_ID]: 'codex_cli' } });
    withResource.reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g-r', action: { type: 'apply_patch' }, timeoutMs: 1 })
      .approve();
    expect(await withResource.params('codex_guardian_review')).toMatchObject([
      { product_client_id: 'codex_cli' },
    ]);
    await withResource.shutdown();
  });

  it('marks only a guardian that fails closed as a span error', async () => {
    guardianShell('a', 'i').approve();
    guardianShell('b', 'i').deny();
    guardianShell('c', 'i').timeOut();
    guardianShell('d', 'i').abort();
    guardianShell('e', 'i').failClosed('session_error', { error: new Error('stream closed') });
    const statuses = pipeline.spans
      .getFinishedSpans()
      .map(span => [span.attributes[A.ATTR_REVIEW_ID], span.status.code, span.attributes[A.ATTR_ERROR_TYPE]]);
    expect(statuses).toEqual([
      ['a', SpanStatusCode.UNSET, undefined],
      ['b', SpanStatusCode.UNSET, undefined],
      ['c', SpanStatusCode.UNSET, undefined],
      ['d', SpanStatusCode.UNSET, undefined],
      ['e', SpanStatusCode.ERROR, 'session_error'],
    ]);
  });

  it.each([
    ['command_execution', 'codex_command_execution_event'],
    ['file_change', 'codex_file_change_event'],
    ['mcp_tool_call', 'codex_mcp_tool_call_event'],
    ['dynamic_tool_call', 'codex_dynamic_tool_call_event'],
    ['control_tool_call', 'codex_control_tool_call_event'],
    ['collab_agent_tool_call', 'codex_collab_agent_tool_call_event'],
    ['web_search', 'codex_web_search_event'],
    ['image_generation', 'codex_image_generation_event'],
  ] as const)('emits a %s item as %s', async (kind, eventType) => {
    pipeline.reviews.startToolItem({ ...THREAD, itemId: 'i', kind, toolName: kind }).finish({ status: 'failed' });
    const rows = await pipeline.rows();
    expect(rows.map(row => row.event_type)).toEqual([eventType]);
  });

  it('writes the kind fields of collab agent and MCP items', async () => {
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'c', kind: 'collab_agent_tool_call', toolName: 'spawn_agent' })
      .finish({ status: 'completed', details: { receiverThreadIds: ['t2', 't3'], completedAgents: 2 } });
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'm', kind: 'mcp_tool_call', toolName: 'create_pr' })
      .finish({ status: 'completed', details: { mcpServer: 'github', mcpToolName: 'create_pr', mcpErrorPresent: false } });
    const rows = await pipeline.rows();
    expect(paramsOf(rows, 'codex_collab_agent_tool_call_event')).toMatchObject([
      { receiver_thread_count: 2, receiver_thread_ids: ['t2', 't3'], completed_agent_count: 2, failed_agent_count: null },
    ]);
    expect(paramsOf(rows, 'codex_mcp_tool_call_event')).toMatchObject([
      { mcp_server_name: 'github', mcp_tool_name: 'create_pr', mcp_error_present: false },
    ]);
  });

  it('yields no row for a tool item still in progress', async () => {
    const span = pipeline.tracer.startSpan('execute_tool shell', {
      attributes: {
        [A.ATTR_ITEM_KIND]: 'command_execution',
        [A.ATTR_GEN_AI_CONVERSATION_ID]: 'th',
        [A.ATTR_TURN_ID]: 't',
        [A.ATTR_GEN_AI_TOOL_CALL_ID]: 'i',
        [A.ATTR_GEN_AI_TOOL_NAME]: 'shell',
        [A.ATTR_ITEM_STATUS]: 'in_progress',
      },
    });
    span.end();
    expect(await pipeline.rows()).toEqual([]);
    expect((await pipeline.metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'incomplete' })).toBe(1);
  });

  it('bounds the pending item state and counts evictions', async () => {
    const bounded = createPipeline({ processor: { maxPendingItems: 2 } });
    for (let i = 0; i < 5; i++) {
      bounded.reviews
        .startUserReview({ ...THREAD, requestId: i, itemId: `item-${i}`, request: { kind: 'command_execution' } })
        .resolve('accept');
    }
    expect(bounded.processor.pendingItemCount).toBe(2);
    const metrics = await bounded.metrics();
    expect(metrics.sum('agent_review.processor.state.evicted', { 'agent_review.state.kind': 'item_summary' })).toBe(3);
    await bounded.shutdown();
  });

  it('bounds the remembered row keys and counts evictions', async () => {
    const bounded = createPipeline({ processor: { maxRememberedRows: 3 } });
    for (let i = 0; i < 5; i++) {
      bounded.reviews.startUserReview({ ...THREAD, requestId: i, request: { kind: 'permissions', permissions: {} } }).abort();
    }
    const metrics = await bounded.metrics();
    expect(metrics.sum('agent_review.processor.state.evicted', { 'agent_review.state.kind': 'row_key' })).toBe(2);
    expect(await bounded.rows()).toHaveLength(5);
    await bounded.shutdown();
  });

  it('never throws from span.end() when a sink throws, and counts the rows as sink failures', async () => {
    const throwing: RowSink = {
      export: () => {
        throw new Error('disk on fire');
      },
      shutdown: () => Promise.resolve(),
    };
    const reader = new ManualMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const processor = new ReviewEventProcessor({ sinks: [throwing], meterProvider, maxExportBatchSize: 1 });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const span = provider.getTracer('t').startSpan('r', {
      attributes: handMadeUserReview(1, 'command_execution', 'accept'),
    });
    expect(() => span.end()).not.toThrow();
    await provider.forceFlush();
    const view = new MetricsView(await reader.collect());
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_failure' })).toBe(1);
    expect(view.sum('agent_review.processor.rows.dropped')).toBe(1);
    expect(logger.warnings.join('\n')).toMatch(/row sink failed to write 1 rows \(sink_failure\): Error: disk on fire/);
    await provider.shutdown();
  });

  it('writes the row and logs an error when the meter throws while recording, without throwing', async () => {
    // A metrics SDK whose histograms throw on record: the processor's own metrics must not reach the agent.
    const broken = Object.assign(Object.create(createNoopMeter()) as Meter, {
      createHistogram: () => ({
        record() {
          throw new Error('meter broke');
        },
      }),
    });
    const sink = new InMemoryRowSink();
    const processor = new ReviewEventProcessor({ sinks: [sink], meterProvider: { getMeter: () => broken } });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const span = provider.getTracer('t').startSpan('r', {
      attributes: handMadeUserReview(3, 'command_execution', 'accept'),
    });
    expect(() => span.end()).not.toThrow();
    await provider.forceFlush();
    expect(sink.getRows()).toHaveLength(1);
    expect(logger.errors.join('\n')).toMatch(/failed to record review metrics.*meter broke/);
    await provider.shutdown();
  });

  it('counts a sink that never answers as failed after the export timeout', async () => {
    const silent: RowSink = { export: () => {}, shutdown: () => Promise.resolve() };
    const processor = new ReviewEventProcessor({ sinks: [silent], exportTimeoutMillis: 20 });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    provider
      .getTracer('t')
      .startSpan('r', { attributes: handMadeUserReview(2, 'permissions', 'abort') })
      .end();
    await provider.forceFlush();
    // On a loaded machine the 20 ms timer may fire after the flush gave up waiting: the loss is told when it does.
    await vi.waitFor(() => expect(logger.warnings.join('\n')).toMatch(/row sink failed/));
    await provider.shutdown();
  });

  it('shuts down once, flushing rows and shutting the sinks down', async () => {
    let shutdowns = 0;
    const written: ReviewRow[] = [];
    const sink: RowSink = {
      export: (rows, done) => {
        written.push(...rows);
        done({ code: ExportResultCode.SUCCESS });
      },
      shutdown: () => {
        shutdowns++;
        return Promise.resolve();
      },
    };
    const processor = new ReviewEventProcessor({ sinks: [sink], scheduledDelayMillis: 60_000 });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const reviews = new ReviewTracer({ tracerProvider: provider });
    reviews.startUserReview({ ...THREAD, requestId: 3, request: { kind: 'command_execution' } }).resolve('cancel');
    expect(written).toHaveLength(0);
    await Promise.all([processor.shutdown(), processor.shutdown()]);
    expect(written).toHaveLength(1);
    expect(shutdowns).toBe(1);
    reviews.startUserReview({ ...THREAD, requestId: 4, request: { kind: 'command_execution' } }).resolve('cancel');
    await processor.forceFlush();
    expect(written).toHaveLength(1);
  });

  it('maps a user review span to its row without a provider', () => {
    const span = {
      name: 'user_review permissions',
      attributes: {
        ...handMadeUserReview('r1', 'permissions', 'grant'),
        [A.ATTR_PERMISSIONS_GRANT_SCOPE]: 'session',
      },
      startTime: ms(10),
      endTime: ms(30),
    } as unknown as ReadableSpan;
    expect(mapUserReviewSpan(span)?.reviewEvent.event_params).toMatchObject({
      review_id: 'user:r1',
      status: 'approved',
      resolution: 'session_approval',
      duration_ms: 20,
    });
  });
});
