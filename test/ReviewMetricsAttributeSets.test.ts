/*
 * ReviewMetrics' attribute-set cache: one stable object per distinct set of
 * values, bounded, and keyed by the values themselves (null is not "null").
 */
import type { Attributes, Meter, MeterProvider } from '@opentelemetry/api';
import { createNoopMeter } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { CodexToolItemEventParams, GuardianReviewEventParams } from '../src/index.js';
import { ReviewMetrics } from '../src/processor/ReviewMetrics.js';

/** Records the attribute objects handed to each instrument, by instrument name. */
function capturingProvider() {
  const calls = new Map<string, Attributes[]>();
  const noop = createNoopMeter();
  const capture = (name: string) => {
    calls.set(name, []);
    const push = (_value: number, attributes?: Attributes) => void calls.get(name)?.push(attributes ?? {});
    return { add: push, record: push };
  };
  const meter = {
    ...noop,
    createCounter: (name: string) => capture(name),
    createHistogram: (name: string) => capture(name),
  } as unknown as Meter;
  const provider: MeterProvider = { getMeter: () => meter };
  return { provider, calls };
}

function toolItem(status: string, outcome: string): CodexToolItemEventParams {
  return { terminal_status: status, final_approval_outcome: outcome } as unknown as CodexToolItemEventParams;
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
  it('hands the same object for the same values and a new one for new values', () => {
    const { provider, calls } = capturingProvider();
    const metrics = new ReviewMetrics(provider);
    metrics.recordToolItem(toolItem('completed', 'unknown'), 'command_execution');
    metrics.recordToolItem(toolItem('completed', 'unknown'), 'command_execution');
    metrics.recordToolItem(toolItem('failed', 'unknown'), 'command_execution');
    const [first, second, third] = calls.get('agent_review.tool_items') ?? [];
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(third).toEqual({
      'agent_review.item.kind': 'command_execution',
      'agent_review.item.terminal_status': 'failed',
      'agent_review.item.final_approval_outcome': 'unknown',
    });
  });

  it('keys by value, so a null model and a model named "null" get their own sets', () => {
    const { provider, calls } = capturingProvider();
    const metrics = new ReviewMetrics(provider);
    metrics.recordGuardianReview(guardian(null), null);
    metrics.recordGuardianReview(guardian('null'), 'null');
    const [absent, named] = calls.get('gen_ai.client.operation.duration') ?? [];
    expect(absent).toEqual({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'guardian' });
    expect(named).toEqual({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'guardian',
      'gen_ai.provider.name': 'null',
      'gen_ai.request.model': 'null',
    });
  });

  it('stops caching past its bound but still builds the right set', () => {
    const { provider, calls } = capturingProvider();
    const metrics = new ReviewMetrics(provider);
    const kinds = Array.from({ length: 5000 }, (_, i) => `kind-${i}`);
    for (const kind of kinds) metrics.recordToolItem(toolItem('completed', 'unknown'), kind);
    for (const kind of kinds) metrics.recordToolItem(toolItem('completed', 'unknown'), kind);
    const sets = calls.get('agent_review.tool_items') ?? [];
    expect(sets).toHaveLength(10_000);
    // Early kinds were cached: the second pass reuses their objects.
    expect(sets[5000]).toBe(sets[0]);
    // Late kinds came after the cache filled: equal sets, fresh objects.
    expect(sets[9999]).not.toBe(sets[4999]);
    expect(sets[9999]).toEqual(sets[4999]);
    expect(sets[9999]?.['agent_review.item.kind']).toBe('kind-4999');
  });
});
