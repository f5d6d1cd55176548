/*
 * Sampling in startReviewTelemetry: whatever the sampler (the `sampler`
 * option or OTEL_TRACES_SAMPLER), every review makes its rows and metrics,
 * while the OTLP receiver gets only the spans the sampler kept.
 */
import { AlwaysOffSampler, type Sampler, SamplingDecision } from '@opentelemetry/sdk-trace';
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryRowSink } from '../src/index.js';
import { METRIC_REVIEWS } from '../src/semconv/index.js';
import { type ReviewTelemetry, type ReviewTelemetryOptions, startReviewTelemetry } from '../src/setup/index.js';
import { THREAD } from './pipeline.js';
import { captureDiag } from './support/diagCapture.js';
import { isolateOtelEnv } from './support/otelEnv.js';
import { OtlpReceiver } from './support/otlpReceiver.js';

const REVIEWS = 40;
const KINDS = ['command_execution', 'file_change'] as const;

type Points = { sum?: { dataPoints: Array<{ asInt?: number | string; asDouble?: number }> } };

/** The last value of a cumulative counter across the JSON metric requests. */
function lastCounterValue(bodies: Record<string, unknown>[], name: string): number | undefined {
  let value: number | undefined;
  for (const body of bodies) {
    const resourceMetrics = body.resourceMetrics as Array<{ scopeMetrics: Array<{ metrics: Array<Points & { name: string }> }> }>;
    const metric = resourceMetrics.flatMap(r => r.scopeMetrics.flatMap(s => s.metrics)).find(m => m.name === name);
    if (metric?.sum) value = metric.sum.dataPoints.reduce((total, p) => total + Number(p.asInt ?? p.asDouble ?? 0), 0);
  }
  return value;
}

/** Keeps only the file_change reviews, so which spans should be exported is known. */
const fileChangesOnly: Sampler = {
  shouldSample: (_context, _traceId, name) => ({
    decision: name.endsWith('file_change') ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
  }),
  toString: () => 'fileChangesOnly',
};

describe('startReviewTelemetry sampling', () => {
  let receiver: OtlpReceiver;
  let telemetry: ReviewTelemetry | undefined;
  isolateOtelEnv();

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = await receiver.start();
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
    // No host detector: its host.id settles asynchronously, and reviews start at once here.
    process.env.OTEL_NODE_RESOURCE_DETECTORS = 'env,process';
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    await receiver.close();
    diag.disable();
  });

  /** REVIEWS user reviews, alternating kinds; the rows, the reviews counter and the exported span names. */
  async function run(options: ReviewTelemetryOptions = {}) {
    const sink = new InMemoryRowSink();
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, rowSinks: [sink], ...options }));
    for (let requestId = 0; requestId < REVIEWS; requestId++) {
      const kind = KINDS[requestId % 2]!;
      t.reviews.startUserReview({ ...THREAD, requestId, itemId: `i-${requestId}`, request: { kind } }).resolve('accept');
    }
    await t.forceFlush();
    return {
      rows: sink.getRows().length,
      reviewsCounted: lastCounterValue(receiver.bodies('/v1/metrics'), METRIC_REVIEWS),
      exported: receiver.names('/v1/traces'),
    };
  }

  it('OTEL_TRACES_SAMPLER=always_off: every row and metric, no trace', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'always_off';
    expect(await run()).toEqual({ rows: REVIEWS, reviewsCounted: REVIEWS, exported: [] });
  });

  it('OTEL_TRACES_SAMPLER=traceidratio with OTEL_TRACES_SAMPLER_ARG: every row and metric, some traces', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '0.5';
    const result = await run();
    expect(result).toMatchObject({ rows: REVIEWS, reviewsCounted: REVIEWS });
    // 40 coin flips: all heads or all tails has a chance of 2 in 10^12.
    expect(result.exported.length).toBeGreaterThan(0);
    expect(result.exported.length).toBeLessThan(REVIEWS);
  });

  it('OTEL_TRACES_SAMPLER=parentbased_always_off: every row and metric, no trace', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'parentbased_always_off';
    expect(await run()).toEqual({ rows: REVIEWS, reviewsCounted: REVIEWS, exported: [] });
  });

  it('OTEL_TRACES_SAMPLER=parentbased_always_on: every trace, and no error', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'parentbased_always_on';
    const logger = captureDiag();
    const result = await run();
    expect(result).toMatchObject({ rows: REVIEWS, reviewsCounted: REVIEWS });
    expect(result.exported).toHaveLength(REVIEWS);
    expect(logger.errors).toEqual([]);
  });

  it('OTEL_TRACES_SAMPLER=parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG=0: every row and metric, no trace, no error', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'parentbased_traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '0';
    const logger = captureDiag();
    expect(await run()).toEqual({ rows: REVIEWS, reviewsCounted: REVIEWS, exported: [] });
    expect(logger.errors).toEqual([]);
  });

  it('OTEL_TRACES_SAMPLER is read without surrounding blanks', async () => {
    process.env.OTEL_TRACES_SAMPLER = ' always_off ';
    const logger = captureDiag();
    expect((await run()).exported).toEqual([]);
    expect(logger.errors).toEqual([]);
  });

  it('the sampler option decides export span by span, and rows and metrics stay complete', async () => {
    const result = await run({ sampler: fileChangesOnly });
    expect(result).toMatchObject({ rows: REVIEWS, reviewsCounted: REVIEWS });
    expect(result.exported).toEqual(Array.from({ length: REVIEWS / 2 }, () => 'user_review file_change'));
  });

  it('the sampler option wins over OTEL_TRACES_SAMPLER', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'always_on';
    expect((await run({ sampler: new AlwaysOffSampler() })).exported).toEqual([]);
  });

  it('no sampler anywhere: every span exported', async () => {
    expect((await run()).exported).toHaveLength(REVIEWS);
  });

  it('an unknown OTEL_TRACES_SAMPLER is an error through diag; every span is exported', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'sometimes';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors.join('\n')).toContain('unknown OTEL_TRACES_SAMPLER "sometimes"');
  });

  it('an OTEL_TRACES_SAMPLER_ARG outside [0, 1] is an error through diag; the ratio is 1', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'parentbased_traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '2';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors.join('\n')).toContain('OTEL_TRACES_SAMPLER_ARG is 2');
  });

  it('OTEL_TRACES_SAMPLER_ARG=0 with traceidratio: no trace, and no error', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '0';
    const logger = captureDiag();
    expect((await run()).exported).toEqual([]);
    expect(logger.errors).toEqual([]);
  });

  it('OTEL_TRACES_SAMPLER_ARG=1 with traceidratio: every trace, and no error', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '1';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors).toEqual([]);
  });

  it('OTEL_TRACES_SAMPLER_ARG below 0 is an error through diag; the ratio is 1', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
    process.env.OTEL_TRACES_SAMPLER_ARG = '-0.5';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors.join('\n')).toContain('OTEL_TRACES_SAMPLER_ARG is -0.5');
  });

  it('OTEL_TRACES_SAMPLER_ARG blank with traceidratio is an error through diag; the ratio is 1', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'traceidratio';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors.join('\n')).toContain('OTEL_TRACES_SAMPLER_ARG is blank');
  });

  it('OTEL_TRACES_SAMPLER=always_on: every trace, and no error', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'always_on';
    const logger = captureDiag();
    expect((await run()).exported).toHaveLength(REVIEWS);
    expect(logger.errors).toEqual([]);
  });
});
