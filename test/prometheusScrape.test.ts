/*
 * The demo's simulated run through the real setup, scraped from the real
 * Prometheus exporter: every instrument is served, with the values the
 * rows imply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, type Sample, sumSamples } from '../demo/prometheusText.js';
import { AgentRunSimulation } from '../demo/simulation.js';
import { InMemoryRowSink, type ReviewRow } from '../src/index.js';
import * as M from '../src/semconv/index.js';
import { type ReviewTelemetry, startReviewTelemetry } from '../src/setup/index.js';
import { freePort } from './support/ports.js';

const COUNTERS = [
  M.METRIC_REVIEWS,
  M.METRIC_GUARDIAN_REVIEWS,
  M.METRIC_GUARDIAN_TOOL_CALLS,
  M.METRIC_TOOL_ITEMS,
  M.METRIC_PROCESSOR_SPANS,
  M.METRIC_PROCESSOR_ROWS,
  M.METRIC_PROCESSOR_ROWS_WRITTEN,
];
const HISTOGRAMS = [
  M.METRIC_REVIEW_DURATION,
  M.METRIC_GUARDIAN_REVIEW_DURATION,
  M.METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN,
  M.METRIC_GUARDIAN_TOKEN_USAGE,
  M.METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  M.METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  M.METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK,
];
const prom = (name: string) => name.replace(/\./g, '_');

describe('Prometheus scrape of the demo run', () => {
  let telemetry: ReviewTelemetry;
  let samples: Sample[];
  const sink = new InMemoryRowSink();
  let reviews: Extract<ReviewRow, { event_type: 'codex_review_event' }>['event_params'][];
  let guardian: Extract<ReviewRow, { event_type: 'codex_guardian_review' }>['event_params'][];

  beforeAll(async () => {
    const port = await freePort();
    telemetry = startReviewTelemetry({ prometheus: { port }, rowSinks: [sink] });
    await new AgentRunSimulation(telemetry.reviews, telemetry.tracerProvider.getTracer('demo'), {
      seed: 11,
      extraTurns: 9,
      startMs: Date.UTC(2026, 0, 1),
    }).run();
    await telemetry.forceFlush();
    samples = parsePrometheusText(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    const rows = sink.getRows();
    reviews = rows.flatMap(r => (r.event_type === 'codex_review_event' ? [r.event_params] : []));
    guardian = rows.flatMap(r => (r.event_type === 'codex_guardian_review' ? [r.event_params] : []));
  });
  afterAll(() => telemetry.shutdown());

  it('serves every counter and histogram', () => {
    const served = new Set(samples.map(sample => sample.name));
    for (const name of [M.METRIC_PROCESSOR_ROWS_DROPPED, M.METRIC_PROCESSOR_STATE_EVICTED]) {
      expect(served.has(`${prom(name)}_total`), name).toBe(true);
    }
    for (const name of COUNTERS) expect(sumSamples(samples, `${prom(name)}_total`), name).toBeGreaterThan(0);
    for (const name of HISTOGRAMS) expect(sumSamples(samples, `${prom(name)}_count`), name).toBeGreaterThan(0);
  });

  it('counts reviews by reviewer and status as the rows do', () => {
    for (const reviewer of ['user', 'guardian']) {
      for (const status of ['approved', 'denied', 'aborted', 'timed_out']) {
        const expected = reviews.filter(r => r.reviewer === reviewer && r.status === status).length;
        expect(
          sumSamples(samples, 'agent_review_reviews_total', {
            agent_review_reviewer: reviewer,
            agent_review_review_status: status,
          }),
          `${reviewer} ${status}`
        ).toBe(expected);
      }
    }
  });

  it('sums review durations as the rows do', () => {
    const withDuration = reviews.filter(r => r.duration_ms !== null);
    expect(sumSamples(samples, 'agent_review_review_duration_count')).toBe(withDuration.length);
    expect(sumSamples(samples, 'agent_review_review_duration_sum')).toBeCloseTo(
      withDuration.reduce((s, r) => s + (r.duration_ms as number), 0) / 1000,
      6
    );
  });

  it('counts guardian outcomes, first tokens, tokens and tool calls as the rows do', () => {
    for (const status of ['approved', 'denied', 'aborted', 'timed_out', 'failed_closed']) {
      expect(
        sumSamples(samples, 'agent_review_guardian_reviews_total', { agent_review_guardian_terminal_status: status })
      ).toBe(guardian.filter(g => g.terminal_status === status).length);
    }
    const ttfts = guardian.flatMap(g => (g.guardian_time_to_first_token_ms === null ? [] : [g.guardian_time_to_first_token_ms]));
    expect(sumSamples(samples, 'agent_review_guardian_time_to_first_token_count')).toBe(ttfts.length);
    expect(sumSamples(samples, 'agent_review_guardian_time_to_first_token_sum')).toBeCloseTo(
      ttfts.reduce((a, b) => a + b, 0) / 1000,
      6
    );
    expect(sumSamples(samples, 'agent_review_guardian_token_usage_sum', { agent_review_token_type: 'input' })).toBe(
      guardian.reduce((s, g) => s + (g.input_tokens ?? 0), 0)
    );
    expect(sumSamples(samples, 'gen_ai_client_token_usage_sum', { gen_ai_token_type: 'output' })).toBe(
      guardian.reduce((s, g) => s + (g.output_tokens ?? 0), 0)
    );
    expect(sumSamples(samples, 'agent_review_guardian_tool_calls_total')).toBe(
      guardian.reduce((s, g) => s + g.guardian_tool_call_count, 0)
    );
  });

  it('counts tool items by final approval outcome and rows written as the rows do', () => {
    const items = sink.getRows().filter(r => r.event_type !== 'codex_review_event' && r.event_type !== 'codex_guardian_review');
    expect(sumSamples(samples, 'agent_review_tool_items_total')).toBe(items.length);
    const guardianApproved = items.filter(r => (r.event_params as { final_approval_outcome: string }).final_approval_outcome === 'guardian_approved').length;
    expect(
      sumSamples(samples, 'agent_review_tool_items_total', { agent_review_item_final_approval_outcome: 'guardian_approved' })
    ).toBe(guardianApproved);
    expect(sumSamples(samples, 'agent_review_processor_rows_written_total')).toBe(sink.getRows().length);
    expect(sumSamples(samples, 'agent_review_processor_rows_dropped_total')).toBe(0);
  });
});
