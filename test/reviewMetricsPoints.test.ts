/*
 * Every data point of every instrument after one scripted scenario: exact
 * attribute sets and values, through the real metrics SDK. And each
 * instrument's kind, unit and buckets as docs/metrics.md lists them.
 */
import { readFileSync } from 'node:fs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { type DataPoint, DataPointType, type Histogram } from '@opentelemetry/sdk-metrics';
import { beforeEach, describe, expect, it } from 'vitest';
import { DROP_REASONS } from '../src/semconv/index.js';
import { createPipeline, type MetricsView, ms, THREAD } from './pipeline.js';

const REVIEW = (reviewer: string, subject: string, status: string, resolution: string, trigger: string) => ({
  'agent_review.reviewer': reviewer,
  'agent_review.subject.kind': subject,
  'agent_review.review.status': status,
  'agent_review.review.resolution': resolution,
  'agent_review.review.trigger': trigger,
});
const USER_SESSION = REVIEW('user', 'command_execution', 'approved', 'session_approval', 'initial');
const G1_REVIEW = REVIEW('guardian', 'command_execution', 'approved', 'none', 'initial');
const G2_REVIEW = REVIEW('guardian', 'network_access', 'timed_out', 'none', 'network_policy_denial');
const G3_REVIEW = REVIEW('guardian', 'mcp_tool_call', 'denied', 'none', 'initial');

const GUARDIAN = (decision: string, terminal: string, failure: string, session: string, risk: string, trigger: string, model: string) => ({
  'agent_review.guardian.decision': decision,
  'agent_review.guardian.terminal_status': terminal,
  'agent_review.guardian.failure_kind': failure,
  'agent_review.guardian.session_kind': session,
  'agent_review.guardian.risk_level': risk,
  'agent_review.guardian.trigger': trigger,
  'gen_ai.request.model': model,
});
const G1 = GUARDIAN('approved', 'approved', 'none', 'trunk_reused', 'low', 'shell', 'm1');
const G2 = GUARDIAN('denied', 'timed_out', 'timeout', 'none', 'none', 'network_access', 'none');
const G3 = GUARDIAN('denied', 'failed_closed', 'parse_error', 'none', 'high', 'mcp_tool_call', 'm1');

const INVOKE = { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'guardian' };
const INVOKE_M1 = { ...INVOKE, 'gen_ai.provider.name': 'p1', 'gen_ai.request.model': 'm1' };

/**
 * A user review approved for the session on item-1, three guardian reviews
 * (approved with every token type, timed out without a model, failed closed
 * with input tokens only) and item-1's tool item.
 */
function scenario(pipeline: ReturnType<typeof createPipeline>) {
  const { reviews } = pipeline;
  reviews
    .startUserReview({ ...THREAD, requestId: 1, itemId: 'item-1', request: { kind: 'command_execution' }, startTime: ms(0) })
    .resolve('accept_for_session', { endTime: ms(2500) });
  const g1 = reviews.startGuardianReview({
    ...THREAD,
    reviewId: 'g1',
    targetItemId: 'item-2',
    action: { type: 'shell', sandboxPermissions: 'use_default' },
    model: 'm1',
    providerName: 'p1',
    sessionKind: 'trunk_reused',
    timeoutMs: 1,
    startTime: ms(0),
  });
  g1.recordFirstToken(ms(200));
  g1.recordToolCall('shell');
  g1.recordToolCall('shell');
  g1.recordTokenUsage({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 20, reasoningOutputTokens: 5 });
  g1.approve({ riskLevel: 'low', endTime: ms(1500) });
  reviews
    .startGuardianReview({
      ...THREAD,
      reviewId: 'g2',
      action: { type: 'network_access', protocol: 'https', port: 443 },
      timeoutMs: 1,
      startTime: ms(0),
    })
    .timeOut({ endTime: ms(90_000) });
  const g3 = reviews.startGuardianReview({
    ...THREAD,
    reviewId: 'g3',
    action: { type: 'mcp_tool_call', server: 's', toolName: 't' },
    model: 'm1',
    providerName: 'p1',
    timeoutMs: 1,
    startTime: ms(0),
  });
  g3.recordFirstToken(ms(100));
  g3.recordTokenUsage({ inputTokens: 50 });
  g3.failClosed('parse_error', { riskLevel: 'high', endTime: ms(300) });
  reviews.startToolItem({ ...THREAD, itemId: 'item-1', kind: 'command_execution', toolName: 'shell' }).finish({ status: 'completed' });
}

function values(view: MetricsView, name: string) {
  return view.points(name).map((point: DataPoint<number | Histogram>) => {
    if (typeof point.value === 'number') return [point.attributes, point.value];
    const { count, sum } = point.value;
    return [point.attributes, { count, sum: Math.round((sum ?? NaN) * 1e9) / 1e9 }];
  });
}

describe('review metrics data points', () => {
  let view: MetricsView;
  // Per test, not beforeAll: mutation testing credits only code run inside a test.
  beforeEach(async () => {
    const pipeline = createPipeline();
    scenario(pipeline);
    await pipeline.rows();
    view = await pipeline.metrics();
    return () => pipeline.shutdown();
  });

  it('counts each review under its own attribute set', () => {
    expect(values(view, 'agent_review.reviews')).toEqual([
      [USER_SESSION, 1],
      [G1_REVIEW, 1],
      [G2_REVIEW, 1],
      [G3_REVIEW, 1],
    ]);
  });

  it('records each review duration in seconds under the same sets', () => {
    expect(values(view, 'agent_review.review.duration')).toEqual([
      [USER_SESSION, { count: 1, sum: 2.5 }],
      [G1_REVIEW, { count: 1, sum: 1.5 }],
      [G2_REVIEW, { count: 1, sum: 90 }],
      [G3_REVIEW, { count: 1, sum: 0.3 }],
    ]);
  });

  it('counts guardian reviews with none for each missing optional value', () => {
    expect(values(view, 'agent_review.guardian.reviews')).toEqual([
      [G1, 1],
      [G2, 1],
      [G3, 1],
    ]);
  });

  it('records guardian latency, and time to first token only for reviews that had one', () => {
    expect(values(view, 'agent_review.guardian.review.duration')).toEqual([
      [G1, { count: 1, sum: 1.5 }],
      [G2, { count: 1, sum: 90 }],
      [G3, { count: 1, sum: 0.3 }],
    ]);
    expect(values(view, 'agent_review.guardian.time_to_first_token')).toEqual([
      [G1, { count: 1, sum: 0.2 }],
      [G3, { count: 1, sum: 0.1 }],
    ]);
  });

  it('records each reported token type by model, and nothing for unreported ones', () => {
    const tokens = (type: string) => ({ 'agent_review.token.type': type, 'gen_ai.request.model': 'm1' });
    expect(values(view, 'agent_review.guardian.token.usage')).toEqual([
      [tokens('input'), { count: 2, sum: 150 }],
      [tokens('cached_input'), { count: 1, sum: 40 }],
      [tokens('output'), { count: 1, sum: 20 }],
      [tokens('reasoning_output'), { count: 1, sum: 5 }],
    ]);
  });

  it('counts only the tool call kinds the guardian used', () => {
    expect(values(view, 'agent_review.guardian.tool_calls')).toEqual([[{ 'agent_review.tool_call.kind': 'shell' }, 2]]);
  });

  it('records GenAI token usage for the two conventional token types only', () => {
    expect(values(view, 'gen_ai.client.token.usage')).toEqual([
      [{ ...INVOKE_M1, 'gen_ai.token.type': 'input' }, { count: 2, sum: 150 }],
      [{ ...INVOKE_M1, 'gen_ai.token.type': 'output' }, { count: 1, sum: 20 }],
    ]);
  });

  it('records the GenAI duration with error.type only for a guardian that failed closed', () => {
    expect(values(view, 'gen_ai.client.operation.duration')).toEqual([
      [INVOKE_M1, { count: 1, sum: 1.5 }],
      [INVOKE, { count: 1, sum: 90 }],
      [{ ...INVOKE_M1, 'error.type': 'parse_error' }, { count: 1, sum: 0.3 }],
    ]);
    expect(values(view, 'gen_ai.client.operation.time_to_first_chunk')).toEqual([
      [INVOKE_M1, { count: 1, sum: 0.2 }],
      [{ ...INVOKE_M1, 'error.type': 'parse_error' }, { count: 1, sum: 0.1 }],
    ]);
  });

  it('counts the tool item with the outcome its review left', () => {
    expect(values(view, 'agent_review.tool_items')).toEqual([
      [
        {
          'agent_review.item.kind': 'command_execution',
          'agent_review.item.terminal_status': 'completed',
          'agent_review.item.final_approval_outcome': 'user_approved_for_session',
        },
        1,
      ],
    ]);
  });

  it('counts the spans read and the rows produced, by type', () => {
    expect(values(view, 'agent_review.processor.spans')).toEqual([
      [{ 'agent_review.span.type': 'user_review' }, 1],
      [{ 'agent_review.span.type': 'guardian_review' }, 3],
      [{ 'agent_review.span.type': 'tool_item' }, 1],
    ]);
    expect(values(view, 'agent_review.processor.rows')).toEqual([
      [{ 'agent_review.row.event_type': 'codex_review_event' }, 4],
      [{ 'agent_review.row.event_type': 'codex_guardian_review' }, 3],
      [{ 'agent_review.row.event_type': 'codex_command_execution_event' }, 1],
    ]);
  });

  it('counts the rows written without attributes', () => {
    expect(values(view, 'agent_review.processor.rows.written')).toEqual([[{}, 8]]);
  });

  it('starts the drop and eviction counters with a zero series per reason and kind', () => {
    expect(values(view, 'agent_review.processor.rows.dropped')).toEqual(
      DROP_REASONS.map(reason => [
        { 'agent_review.drop.reason': reason },
        0,
      ])
    );
    expect(values(view, 'agent_review.processor.state.evicted')).toEqual([
      [{ 'agent_review.state.kind': 'item_summary' }, 0],
      [{ 'agent_review.state.kind': 'row_key' }, 0],
    ]);
  });
});

describe('review durations', () => {
  it('counts a review that ends before it starts but records no duration for it', async () => {
    const pipeline = createPipeline();
    pipeline.processor.onEnd({
      name: 'user_review file_change',
      attributes: {
        'agent_review.reviewer': 'user',
        'gen_ai.conversation.id': 'thread-1',
        'agent_review.turn.id': 'turn-1',
        'agent_review.request.id': 1,
        'agent_review.request.kind': 'file_change',
        'agent_review.user.decision': 'accept',
      },
      startTime: ms(2000),
      endTime: ms(1000),
    } as unknown as ReadableSpan);
    const view = await pipeline.metrics();
    expect(view.sum('agent_review.reviews')).toBe(1);
    expect(view.points('agent_review.review.duration')).toEqual([]);
    await pipeline.shutdown();
  });
});

/** The instrument tables and bucket table of docs/metrics.md. */
function documentedInstruments() {
  const doc = readFileSync(new URL('../docs/metrics.md', import.meta.url), 'utf8');
  const cells = (line: string) => line.split('|').slice(1, -1).map(cell => cell.trim());
  const buckets = new Map<string, number[]>();
  const instruments = new Map<string, { kind: string; unit: string; buckets: string | undefined }>();
  for (const line of doc.split('\n')) {
    if (!line.startsWith('| ')) continue;
    const row = cells(line);
    const boundaries = /^`([\d., ]+)`/.exec(row[1] ?? '');
    if (boundaries && !row[0]?.startsWith('`')) {
      buckets.set(row[0] as string, boundaries[1]!.split(',').map(Number));
    }
    const name = /^`([a-z_.]+)`$/.exec(row[0] ?? '');
    if (name && (row[1] === 'counter' || row[1] === 'histogram')) {
      instruments.set(name[1]!, { kind: row[1], unit: row[2]!.replaceAll('`', ''), buckets: row[4] });
    }
  }
  // "review seconds" is "GenAI seconds + ...": resolve it from its own row.
  const genAiSeconds = buckets.get('GenAI seconds') ?? [];
  const reviewRow = /GenAI seconds \+ `([\d., ]+)`/.exec(doc);
  buckets.set('review seconds', [...genAiSeconds, ...(reviewRow?.[1]?.split(',').map(Number) ?? [])]);
  return { instruments, buckets };
}

describe('review metrics instruments', () => {
  let view: MetricsView;
  beforeEach(async () => {
    const pipeline = createPipeline();
    scenario(pipeline);
    await pipeline.rows();
    view = await pipeline.metrics();
    return () => pipeline.shutdown();
  });

  const { instruments, buckets } = documentedInstruments();

  it('has every documented instrument and no other', () => {
    expect(view.instruments().map(metric => metric.descriptor.name).sort()).toEqual([...instruments.keys()].sort());
  });

  it.each([...instruments])('gives %s the documented kind, unit and buckets, and a description', (name, documented) => {
    const metric = view.instruments().find(m => m.descriptor.name === name);
    expect(metric?.descriptor.unit).toBe(documented.unit);
    expect(metric?.descriptor.description).not.toBe('');
    if (documented.kind === 'counter') {
      expect(metric).toMatchObject({ dataPointType: DataPointType.SUM, isMonotonic: true });
    } else {
      expect(metric?.dataPointType).toBe(DataPointType.HISTOGRAM);
    }
    if (documented.kind === 'histogram') {
      const expected = buckets.get(documented.buckets ?? '');
      expect(expected).toBeDefined();
      for (const point of view.points(name)) expect((point.value as Histogram).buckets.boundaries).toEqual(expected);
    }
  });
});
