/*
 * The bench's own correctness check: after a run, collect the reader and
 * compare every review metric with what the known workload must have made.
 * A change that drops or miscounts records fails here, and the bench exits
 * non-zero. Names and attributes are the documented ones (docs/metrics.md),
 * written out rather than imported, so a renamed constant is caught too.
 */
import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type MetricData, type MetricReader } from '@opentelemetry/sdk-metrics';
import { GUARDIAN_CALLS, GUARDIAN_TOKENS, type LifecycleShape } from './workload.js';

/** What the reader must show after `lifecycles` lifecycles of one shape, all rows flushed to one sink. */
export interface Workload {
  lifecycles: number;
  shape?: LifecycleShape;
}

type Field = 'sum' | 'count';
interface Expectation {
  metric: string;
  where?: Attributes;
  field: Field;
  value: number;
}

function expectations({ lifecycles: n, shape }: Workload): Expectation[] {
  const finished = shape?.finishItem === false ? 0 : n;
  const calls = shape?.guardianCalls ?? GUARDIAN_CALLS.length;
  const callsOf = (kind: string) =>
    GUARDIAN_CALLS.reduce((sum, k, at) => (k === kind ? sum + Math.floor((calls - at + 4) / 5) : sum), 0);
  const rows = 3 * n + finished;
  const t = GUARDIAN_TOKENS;
  const e = (metric: string, field: Field, value: number, where?: Attributes): Expectation => ({ metric, field, value, where });
  return [
    e('agent_review.reviews', 'sum', n, { 'agent_review.reviewer': 'guardian', 'agent_review.review.status': 'approved' }),
    e('agent_review.reviews', 'sum', n, { 'agent_review.reviewer': 'user', 'agent_review.review.status': 'approved' }),
    e('agent_review.reviews', 'sum', 2 * n),
    e('agent_review.review.duration', 'count', 2 * n),
    e('agent_review.guardian.reviews', 'sum', n, { 'agent_review.guardian.decision': 'approved', 'agent_review.guardian.risk_level': 'low' }),
    e('agent_review.guardian.review.duration', 'count', n),
    e('agent_review.guardian.time_to_first_token', 'count', n),
    e('agent_review.guardian.token.usage', 'count', 4 * n),
    e('agent_review.guardian.token.usage', 'sum', n * t.inputTokens, { 'agent_review.token.type': 'input' }),
    e('agent_review.guardian.token.usage', 'sum', n * t.cachedInputTokens, { 'agent_review.token.type': 'cached_input' }),
    e('agent_review.guardian.token.usage', 'sum', n * t.outputTokens, { 'agent_review.token.type': 'output' }),
    e('agent_review.guardian.token.usage', 'sum', n * t.reasoningOutputTokens, { 'agent_review.token.type': 'reasoning_output' }),
    ...['shell', 'mcp', 'web_search', 'view_image'].map(kind =>
      e('agent_review.guardian.tool_calls', 'sum', n * callsOf(kind), { 'agent_review.tool_call.kind': kind })
    ),
    e('agent_review.guardian.tool_calls', 'sum', n * calls),
    e('gen_ai.client.token.usage', 'count', 2 * n),
    e('gen_ai.client.token.usage', 'sum', n * (t.inputTokens + t.outputTokens)),
    e('gen_ai.client.operation.duration', 'count', n, { 'gen_ai.agent.name': 'guardian' }),
    e('gen_ai.client.operation.time_to_first_chunk', 'count', n),
    e('agent_review.tool_items', 'sum', finished, { 'agent_review.item.final_approval_outcome': 'user_approved' }),
    e('agent_review.tool_items', 'sum', finished),
    e('agent_review.processor.spans', 'sum', 2 * n + finished),
    e('agent_review.processor.rows', 'sum', rows),
    e('agent_review.processor.rows.written', 'sum', rows),
    e('agent_review.processor.rows.dropped', 'sum', 0),
    // Every run keeps its items in flight within the limits: an eviction would cost an item row its reviews.
    e('agent_review.processor.state.evicted', 'sum', 0, { 'agent_review.state.kind': 'item_summary' }),
  ];
}

const matches = (attributes: Attributes, where: Attributes | undefined) =>
  where === undefined || Object.entries(where).every(([key, value]) => attributes[key] === value);

/** Sum of the points' sums (counters, histogram sums) or counts (histograms) whose attributes match. */
function total(metrics: MetricData[], { metric, where, field }: Expectation): number | undefined {
  const found = metrics.filter(m => m.descriptor.name === metric);
  if (found.length === 0) return undefined;
  let value = 0;
  for (const data of found) {
    for (const point of data.dataPoints) {
      if (!matches(point.attributes, where)) continue;
      if (data.dataPointType === DataPointType.HISTOGRAM) {
        const histogram = point.value as { sum?: number; count: number };
        value += field === 'count' ? histogram.count : (histogram.sum ?? Number.NaN);
      } else {
        value += field === 'count' ? Number.NaN : (point.value as number);
      }
    }
  }
  return value;
}

/**
 * Collects once and returns one line per metric value that differs from
 * what the workloads (run one after the other on the same processor) made.
 */
export async function checkMetrics(name: string, reader: MetricReader, ...workloads: Workload[]): Promise<string[]> {
  const { resourceMetrics, errors } = await reader.collect();
  const problems = errors.map(error => `${name}: collect() reported ${String(error)}`);
  const metrics = resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics);
  // Every shape yields the same list of expectations, so they add up entry by entry.
  const expectedAll = workloads.map(expectations).reduce((sum, list) =>
    sum.map((entry, at) => ({ ...entry, value: entry.value + (list[at] as Expectation).value }))
  );
  for (const expected of expectedAll) {
    const got = total(metrics, expected);
    // Token sums are integers; a float sum of the same integers is exact below 2^53.
    if (got !== expected.value) {
      const where = expected.where ? JSON.stringify(expected.where) : '';
      problems.push(
        `${name}: ${expected.metric}${where} ${expected.field} = ${got === undefined ? 'missing' : got}, expected ${expected.value}`
      );
    }
  }
  return problems;
}
