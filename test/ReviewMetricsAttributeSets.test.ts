/*
 * ReviewMetrics keeps one attribute set object per set of values; its
 * processor-side counters sum by that object. Through the real metrics SDK.
 */
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import type { ToolItemKind } from '../src/semconv/index.js';
import type { CodexToolItemEventParams, GuardianReviewEventParams } from '../src/index.js';
import { ReviewMetrics } from './support/internals.js';
import { MetricsView, ManualMetricReader } from './pipeline.js';

function setup() {
  const reader = new ManualMetricReader();
  const metrics = new ReviewMetrics(new MeterProvider({ readers: [reader] }).getMeter('test'));
  return { metrics, collect: async () => new MetricsView(await reader.collect()) };
}

function toolItem(status: string): CodexToolItemEventParams {
  return { terminal_status: status, final_approval_outcome: 'unknown' } as unknown as CodexToolItemEventParams;
}

function guardian(model: string | null): GuardianReviewEventParams {
  return {
    decision: 'approved',
    terminal_status: 'approved',
    failure_kind: null,
    guardian_session_kind: null,
    risk_level: null,
    trigger: 'shell',
    guardian_model: model,
    guardian_completion_latency_ms: 10,
    guardian_time_to_first_token_ms: null,
    input_tokens: null,
    cached_input_tokens: null,
    output_tokens: null,
    reasoning_output_tokens: null,
    guardian_tool_call_counts: {},
  } as unknown as GuardianReviewEventParams;
}

describe('ReviewMetrics attribute sets', () => {
  it('sums equal sets of values into one series and keeps different ones apart', async () => {
    const { metrics, collect } = setup();
    metrics.recordToolItem(toolItem('completed'), 'command_execution');
    metrics.recordToolItem(toolItem('completed'), 'command_execution');
    metrics.recordToolItem(toolItem('failed'), 'command_execution');
    const points = (await collect()).points('agent_review.tool_items');
    expect(points.map(p => [p.attributes['agent_review.item.terminal_status'], p.value])).toEqual([
      ['completed', 2],
      ['failed', 1],
    ]);
  });

  it('keys by value, so a null model and a model named "null" get their own sets', async () => {
    const { metrics, collect } = setup();
    metrics.recordGuardianReview(guardian(null), null);
    metrics.recordGuardianReview(guardian('null'), 'null');
    const sets = (await collect()).points('gen_ai.client.operation.duration').map(p => p.attributes);
    expect(sets).toEqual([
      { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'guardian' },
      {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'guardian',
        'gen_ai.provider.name': 'null',
        'gen_ai.request.model': 'null',
      },
    ]);
  });

  it('folds sets past its bound into the overflow set, losing no measurement', async () => {
    const { metrics, collect } = setup();
    const kinds = Array.from({ length: 5000 }, (_, i) => `kind-${i}`);
    for (let pass = 0; pass < 2; pass++) {
      for (const kind of kinds) metrics.recordToolItem(toolItem('completed'), kind as ToolItemKind);
    }
    const view = await collect();
    expect(view.sum('agent_review.tool_items')).toBe(10_000);
    expect(view.sum('agent_review.tool_items', { 'otel.metric.overflow': true })).toBeGreaterThanOrEqual(
      2 * (5000 - 4096)
    );
  });
});
