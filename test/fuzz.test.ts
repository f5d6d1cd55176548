/*
 * A seeded fuzz run: 12,000 hostile spans, hand-made and through the real
 * SDK and helpers: wrong types, non-finite and huge times, deep and cyclic
 * values, unknown enums, bad events, attributes that throw when read,
 * redelivered, double-finished and never-ended spans. Nothing escapes, every
 * row keeps the row shape, and the accounting is exact: the rows the spans
 * could make = rows produced + rows dropped, by reason.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import type { ReviewRow } from '../src/index.js';
import { DROP_REASONS, GUARDIAN_ACTION_TYPES, TOOL_ITEM_KINDS } from '../src/semconv/index.js';
import { createPipeline } from './pipeline.js';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}
type Random = ReturnType<typeof random>;

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

const HOSTILE_VALUES: (() => unknown)[] = [
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => -1,
  () => 2 ** 60,
  () => 1.5,
  () => '',
  () => 'bogus',
  () => 'x'.repeat(5000),
  () => null,
  () => [],
  () => [1, 'a'],
  () => ({}),
  () => true,
  () => deep(200),
  () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    return cycle;
  },
];

const BAD_TIMES: unknown[] = [[Number.NaN, 0], [Number.POSITIVE_INFINITY, 0], [-5, 0], 'now', [Number.MAX_SAFE_INTEGER, 0], null];

const THREAD_ATTRS = { 'gen_ai.conversation.id': 'thread', 'agent_review.turn.id': 'turn' };

function validAttributes(rng: Random, n: number): Attributes {
  switch (rng.int(4)) {
    case 0:
      return {
        ...THREAD_ATTRS,
        'agent_review.item.kind': rng.pick(TOOL_ITEM_KINDS),
        'gen_ai.tool.call.id': `item-${n}`,
        'gen_ai.tool.name': 'shell',
        'agent_review.item.status': rng.pick(['completed', 'failed', 'declined', 'interrupted', 'in_progress']),
        'agent_review.command.exit_code': rng.int(3) - 1,
      };
    case 1:
      return {
        ...THREAD_ATTRS,
        'agent_review.reviewer': 'user',
        'agent_review.request.id': n,
        'agent_review.request.kind': 'command_execution',
        'agent_review.user.decision': rng.pick(['accept', 'decline', 'cancel']),
        'gen_ai.tool.call.id': `item-${rng.int(50)}`,
      };
    case 2:
      return {
        ...THREAD_ATTRS,
        'agent_review.reviewer': 'guardian',
        'agent_review.review.id': `review-${n}`,
        'agent_review.guardian.timeout_ms': 1000,
        'agent_review.action.type': rng.pick(GUARDIAN_ACTION_TYPES),
        'agent_review.action.sandbox_permissions': 'use_default',
        'agent_review.action.protocol': 'https',
        'agent_review.action.port': 443,
        'agent_review.action.source': 'shell',
        'agent_review.action.program': '/bin/ls',
        'agent_review.mcp.server': 'srv',
        'agent_review.mcp.tool_name': 'tool',
        'agent_review.guardian.assessment.outcome': rng.pick(['allow', 'deny']),
        'agent_review.guardian.risk_score': rng.int(101),
      };
    default:
      return { 'http.method': 'GET' };
  }
}

function corrupt(rng: Random, attrs: Record<string, unknown>): void {
  const keys = Object.keys(attrs);
  for (let i = rng.int(4); i > 0; i--) {
    const key = rng.pick(keys);
    if (rng.next() < 0.3) delete attrs[key];
    else attrs[key] = rng.pick(HOSTILE_VALUES)();
  }
}

/** Rows a span could make, judged as the processor's recognition says (an unreadable span counts one). */
function couldMake(attributes: Attributes | undefined): number {
  try {
    const reviewer = attributes?.['agent_review.reviewer'];
    if (reviewer === 'guardian') return 2;
    if (reviewer !== undefined) return 1;
    return attributes?.['agent_review.item.kind'] !== undefined ? 1 : 0;
  } catch {
    return 1;
  }
}

function handMade(rng: Random, n: number): ReadableSpan {
  const attributes = validAttributes(rng, n) as Record<string, unknown>;
  if (rng.next() < 0.8) corrupt(rng, attributes);
  const span: Record<string, unknown> = {
    name: `fuzz-${n}`,
    attributes,
    startTime: [1_700_000_000, 0],
    endTime: [1_700_000_000 + rng.int(5), rng.int(1e9)],
    duration: [1, 0],
    events: [],
    resource: { attributes: {} },
  };
  const roll = rng.next();
  if (roll < 0.1) span.startTime = rng.pick(BAD_TIMES);
  else if (roll < 0.2) span.endTime = rng.pick(BAD_TIMES);
  else if (roll < 0.25) span.duration = rng.pick(BAD_TIMES);
  else if (roll < 0.35) {
    span.events = [
      { name: 'agent_review.guardian.tool_call', attributes: rng.pick([null, {}, { 'agent_review.tool_call.kind': rng.pick(['shell', 'warp', 3]) }]), time: rng.pick(BAD_TIMES) },
      { name: 'agent_review.guardian.first_token', time: rng.pick([[1_700_000_000, 5], ...BAD_TIMES]) },
    ];
  } else if (roll < 0.37) {
    span.attributes = new Proxy(attributes, {
      get: () => {
        throw new Error('attributes on fire');
      },
    });
  }
  return span as unknown as ReadableSpan;
}

const NUMERIC_FIELD = /(_ms|_count|_tokens|^started_at|^completed_at|^risk_score|^port)$/;

function checkRowShape(row: ReviewRow, problems: string[]): void {
  const params = row.event_params as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(params)) {
    if (NUMERIC_FIELD.test(field) && value !== null && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      problems.push(`${row.event_type}.${field} = ${String(value)}`);
    }
  }
  for (const id of ['thread_id', 'turn_id']) {
    if (typeof params[id] !== 'string' || (params[id] as string).length === 0) problems.push(`${row.event_type}.${id}`);
  }
  JSON.stringify(row);
}

describe('fuzz', () => {
  it('takes 12,000 hostile spans with no escape, no bad row and exact accounting', async () => {
    const rng = random(20261121);
    const pipeline = createPipeline({ recordContent: true, processor: { maxQueueSize: 100_000 } });
    let expected = 0;
    const escapes: unknown[] = [];
    const delivered: ReadableSpan[] = [];
    for (let n = 0; n < 9000; n++) {
      const span = rng.next() < 0.05 && delivered.length > 0 ? rng.pick(delivered) : handMade(rng, n);
      delivered.push(span);
      expected += couldMake(span.attributes);
      try {
        pipeline.processor.onEnd(span);
      } catch (error) {
        escapes.push(error);
      }
    }
    for (let n = 0; n < 3000; n++) {
      try {
        const thread = { threadId: `thread-${rng.int(3)}`, turnId: 'turn' };
        const roll = rng.int(4);
        if (roll === 0) {
          const item = pipeline.reviews.startToolItem({ ...thread, itemId: `sdk-${n}`, kind: rng.pick(TOOL_ITEM_KINDS), toolName: rng.pick(['shell', '', undefined]) as string });
          if (rng.next() < 0.9) item.finish({ status: rng.pick(['completed', 'failed', 'nonsense']) as 'completed', details: { exitCode: rng.pick(HOSTILE_VALUES)() as number } });
          if (rng.next() < 0.2) item.finish({ status: 'completed' });
        } else if (roll === 1) {
          const review = pipeline.reviews.startUserReview({ ...thread, requestId: rng.pick([n, 'x'.repeat(2000), NaN]) as number, itemId: `sdk-${n}`, request: rng.pick([{ kind: 'command_execution' }, { kind: 'permissions', permissions: {} }, { kind: 'bogus' }]) as never });
          if (rng.next() < 0.9) review.resolve(rng.pick(['accept', 'decline', 'wat']) as 'accept');
          if (rng.next() < 0.2) review.abort();
        } else if (roll === 2) {
          const review = pipeline.reviews.startGuardianReview({ ...thread, reviewId: `g-${n}`, timeoutMs: rng.pick([1000, -1, NaN]) as number, action: rng.pick([{ type: 'shell', sandboxPermissions: 'use_default', command: [deep(50)] }, { type: 'mcp_tool_call', server: 's', toolName: 't', arguments: HOSTILE_VALUES[14]?.() }, { type: 'network_access', protocol: 'ftp', port: 70000 }]) as never });
          review.recordToolCall(rng.pick(['shell', 'mcp', 'warp']) as 'shell');
          review.recordFirstToken(rng.pick([undefined, NaN, 'soon']) as number);
          review.recordTokenUsage({ inputTokens: rng.pick(HOSTILE_VALUES)() as number });
          if (rng.next() < 0.9) rng.pick([() => review.approve(), () => review.deny({ riskScore: 500 }), () => review.failClosed('parse_error', { error: deep(10) }), () => review.timeOut()])();
        } else {
          pipeline.tracer.startSpan('not ours').end();
        }
      } catch (error) {
        escapes.push(error);
      }
    }
    const rows = await pipeline.rows();
    for (const span of pipeline.spans.getFinishedSpans()) expected += couldMake(span.attributes);

    const view = await pipeline.metrics();
    const produced = view.sum('agent_review.processor.rows');
    const dropped = Object.fromEntries(
      DROP_REASONS.map(reason => [reason, view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': reason })])
    );
    // Rows never produced (the span's fault, or the mask's), and rows produced that no sink wrote.
    const SPAN_SIDE = ['malformed', 'duplicate', 'incomplete', 'shutdown', 'internal_error'] as const;
    const spanSide = SPAN_SIDE.reduce((sum, reason) => sum + (dropped[reason] ?? 0), 0);
    const sinkSide = Object.values(dropped).reduce((a, b) => a + b, 0) - spanSide;
    const problems: string[] = [];
    for (const row of rows) checkRowShape(row, problems);

    expect(escapes).toEqual([]);
    expect(problems).toEqual([]);
    expect(produced + spanSide).toBe(expected);
    expect(rows.length).toBe(produced - sinkSide);
    expect(view.sum('agent_review.processor.rows.written')).toBe(rows.length);
    expect(produced).toBeGreaterThan(1000);
    expect(dropped.malformed).toBeGreaterThan(1000);
    expect(dropped.duplicate).toBeGreaterThan(0);
    await pipeline.shutdown();
  }, 60_000);
});
